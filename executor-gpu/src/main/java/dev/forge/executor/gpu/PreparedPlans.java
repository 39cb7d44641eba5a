package dev.forge.executor.gpu;

import dev.forge.plan.PlanNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GPU form of recently seen plans, by plan object (identity, not equality: two equal plans prepared apart cost one
 * preparation more, never a wrong kernel, and identity is a pointer comparison where equality would walk the tree).
 * Bounded: the least recently used goes beyond {@code capacity}. Safe to share between threads.
 */
final class PreparedPlans {
    private final int capacity;
    private final Map<PlanIdentity, Prepared> plans;

    /** A plan's GPU form, or why the GPU cannot run it. */
    record Prepared(GpuExecutor.PreparedPlan ready, UnsupportedOnGpuException unsupported) {
    }

    /** A plan as a map key by identity. */
    private record PlanIdentity(PlanNode plan) {
        @Override
        public boolean equals(Object other) {
            return other instanceof PlanIdentity identity && identity.plan == plan;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(plan);
        }
    }

    PreparedPlans(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PlanIdentity, Prepared> eldest) {
                return size() > PreparedPlans.this.capacity;
            }
        };
    }

    /** {@code plan}'s GPU form, prepared now (outside the lock) unless this plan object was prepared before. */
    Prepared prepare(PlanNode plan) {
        PlanIdentity key = new PlanIdentity(plan);
        synchronized (this) {
            Prepared known = plans.get(key);
            if (known != null) {
                return known;
            }
        }
        Prepared made;
        try {
            made = new Prepared(GpuExecutor.PreparedPlan.of(plan), null);
        } catch (UnsupportedOnGpuException unsupported) {
            made = new Prepared(null, unsupported);
        }
        synchronized (this) {
            plans.put(key, made);
        }
        return made;
    }

    synchronized int size() {
        return plans.size();
    }
}
