package dev.forge.executor.cpu.aggregate;

import dev.forge.executor.cpu.vector.Vector;

/**
 * The running values of one aggregate for many groups (group numbers index its arrays). One state belongs to one
 * thread: a morsel's partial, or a partition's final merge.
 */
public interface AggregateState {
    /** Makes room for groups [0, groupCount). */
    void ensureGroups(int groupCount);

    /**
     * Adds rows [0, rows) of {@code argument} ({@code null} for COUNT(*)) to the groups {@code groups[i]}, skipping rows
     * where {@code include} (the FILTER) is false.
     */
    void update(int[] groups, Vector argument, boolean[] include, int rows);

    /** Folds group {@code sourceGroup} of {@code source} (a state of the same aggregate) into {@code targetGroup}. */
    void merge(int targetGroup, AggregateState source, int sourceGroup);

    /** The aggregate's values for groups [0, groupCount). */
    Vector result(int groupCount);
}
