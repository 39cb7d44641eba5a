package dev.forge.cuda.testing;

import dev.forge.cuda.LeakTracker;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves native resources open: everything registered with {@link LeakTracker} during the test
 * must be closed by its end. The leaked resources are closed by nobody: the report names them and where they were
 * created, so the test is fixed rather than cleaned up after.
 */
public final class NativeLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NativeLeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("mark", LeakTracker.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long mark = context.getStore(NAMESPACE).get("mark", Long.class);
        List<LeakTracker.Resource> leaked = LeakTracker.liveSince(mark);
        if (!leaked.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked " + leaked.size()
                    + " native resource(s):\n" + LeakTracker.report(leaked));
        }
    }
}
