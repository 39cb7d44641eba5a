package dev.forge.cli.shell;

import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.TableDescription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A backend that passes everything to another, except that a query containing {@value #MARKER} runs until it is
 * cancelled (at most a minute): a long query whose length does not depend on the engine or the machine, for the
 * Ctrl+C test of the shell.
 */
final class SlowQueryBackend implements QueryBackend {
    static final String MARKER = "/* slow */";

    private final QueryBackend delegate;
    private volatile CountDownLatch running;
    final CountDownLatch started = new CountDownLatch(1);

    SlowQueryBackend(QueryBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<TableDescription> tables() {
        return delegate.tables();
    }

    @Override
    public QueryAnswer run(String sql, EngineChoice engine) throws QueryFailure {
        if (!sql.contains(MARKER)) {
            return delegate.run(sql, engine);
        }
        CountDownLatch cancel = new CountDownLatch(1);
        running = cancel;
        started.countDown();
        try {
            if (cancel.await(1, TimeUnit.MINUTES)) {
                throw new QueryFailure(QueryFailure.Kind.CANCELLED, "query cancelled", null);
            }
            return delegate.run(sql, engine);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new QueryFailure(QueryFailure.Kind.CANCELLED, "interrupted", interrupted);
        } finally {
            running = null;
        }
    }

    @Override
    public String explain(String sql, EngineChoice engine) throws QueryFailure {
        return delegate.explain(sql, engine);
    }

    @Override
    public void cancel() {
        CountDownLatch cancel = running;
        if (cancel != null) {
            cancel.countDown();
        }
        delegate.cancel();
    }

    @Override
    public void refresh() throws QueryFailure {
        delegate.refresh();
    }

    @Override
    public Optional<String> unavailable(EngineChoice engine) {
        return delegate.unavailable(engine);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
