package dev.forge.engine;

/**
 * What one query cost: the engine that ran it, planning and execution time in microseconds, the rows and bytes of the
 * table columns its scans read (in memory, before filters), and the rows it returned.
 */
public record QueryStatistics(Engine engine, long planningMicros, long executionMicros, long rowsScanned,
        long bytesScanned, long resultRows) {
}
