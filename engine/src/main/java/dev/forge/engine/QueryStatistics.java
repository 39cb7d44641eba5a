package dev.forge.engine;

/**
 * What one query cost: the engine that ran it, planning and execution time in microseconds, the rows and bytes of the
 * table columns its scans read (in memory, before filters), the rows it returned, and a note on why that engine ran
 * it and where each part ran (empty when there is nothing to say, e.g. without a GPU executor in the build), and
 * whether the plan came from the plan cache ({@code planCached}: the same SQL text was planned before against the same
 * catalog, so planning was a lookup; see {@link Session#planCache(boolean)}).
 */
public record QueryStatistics(Engine engine, long planningMicros, long executionMicros, long rowsScanned,
        long bytesScanned, long resultRows, String engineNote, boolean planCached) {
}
