package dev.forge.bench.primitives;

import java.util.List;

/** The measurements of one or more {@link PrimitiveFamily families}, reported to their context. */
interface FamilyBenchmark {
    /** Measures at {@code size} elements. */
    void measure(long size);

    /** Measures at every size, in order; families that prepare something once for all sizes do it here. */
    default void measureAll(List<Long> sizes) {
        sizes.forEach(this::measure);
    }
}
