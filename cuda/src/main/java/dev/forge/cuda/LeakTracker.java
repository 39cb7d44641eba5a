package dev.forge.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every live native resource (device memory, pinned memory, modules, streams, ...) so that a test can
 * fail when code forgets to close one.
 *
 * <p>Registration is cheap (a counter and a map entry). The stack trace of the creating call is kept only when
 * the system property {@code forge.leaks.stacks} is {@code true}, which the test build sets.
 */
public final class LeakTracker {
    private LeakTracker() {
    }

    private static final boolean KEEP_STACKS = Boolean.getBoolean("forge.leaks.stacks");
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Map<Long, Resource> LIVE = new ConcurrentHashMap<>();

    /** One live resource: what it is, how large, and where it was created (when stacks are kept). */
    public record Resource(long id, String kind, long bytes, String description, boolean cached, Throwable origin) {
        @Override
        public String toString() {
            return kind + " #" + id + " (" + bytes + " bytes): " + description;
        }
    }

    /** A handle that the owner of a resource calls exactly once, when it frees the resource. */
    public static final class Registration {
        private final long id;

        private Registration(long id) {
            this.id = id;
        }

        public void release() {
            LIVE.remove(id);
        }

        /** Declares the resource held on purpose by a process-wide cache from now on (see {@link #register}). */
        public void markCached() {
            LIVE.computeIfPresent(id, (key, resource) -> new Resource(resource.id(), resource.kind(),
                    resource.bytes(), resource.description(), true, resource.origin()));
        }
    }

    public static Registration register(String kind, long bytes, String description) {
        return register(kind, bytes, description, false);
    }

    /**
     * Registers a resource; a {@code cached} one is held on purpose by a process-wide cache (compiled modules, say)
     * and is not reported as a leak of the code that happened to fill the cache.
     */
    public static Registration register(String kind, long bytes, String description, boolean cached) {
        long id = NEXT_ID.incrementAndGet();
        Throwable origin = KEEP_STACKS ? new Throwable("created here") : null;
        LIVE.put(id, new Resource(id, kind, bytes, description, cached, origin));
        return new Registration(id);
    }

    /** A point in time: resources registered after it have larger ids. */
    public static long mark() {
        return NEXT_ID.get();
    }

    /** Resources created after {@code mark} that are still live and not held by a cache, oldest first. */
    public static List<Resource> liveSince(long mark) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : LIVE.values()) {
            if (resource.id() > mark && !resource.cached()) {
                found.add(resource);
            }
        }
        found.sort(Comparator.comparingLong(Resource::id));
        return found;
    }

    /** Every live resource, cached ones included, oldest first. */
    public static List<Resource> live() {
        List<Resource> found = new ArrayList<>(LIVE.values());
        found.sort(Comparator.comparingLong(Resource::id));
        return found;
    }

    /** A readable report of resources, with creation stacks when they were kept. */
    public static String report(List<Resource> resources) {
        StringBuilder text = new StringBuilder();
        for (Resource resource : resources) {
            text.append("  ").append(resource).append('\n');
            if (resource.origin() != null) {
                StackTraceElement[] frames = resource.origin().getStackTrace();
                for (int i = 0; i < Math.min(frames.length, 12); i++) {
                    text.append("      at ").append(frames[i]).append('\n');
                }
            }
        }
        return text.toString();
    }
}
