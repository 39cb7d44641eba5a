package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.Batch;

/**
 * A compiled operator's output as numbered morsels: {@link #morsel} computes the batch of morsel {@code index} and can
 * run on any worker thread, in parallel with other morsels. Streaming operators (filter, project, join probe) wrap
 * their input's morsels; pipeline breakers (aggregation, sort, join build) have already run and serve their result.
 */
public interface MorselSource {
    int morselCount();

    int columnCount();

    Batch morsel(int index);
}
