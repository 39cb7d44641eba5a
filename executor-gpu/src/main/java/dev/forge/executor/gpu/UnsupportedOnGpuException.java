package dev.forge.executor.gpu;

/**
 * The GPU executor cannot run a plan (or part of one); the message names the first thing it lacks, in words a user can
 * read in EXPLAIN, and the query runs on the CPU instead.
 */
public final class UnsupportedOnGpuException extends RuntimeException {
    public UnsupportedOnGpuException(String reason) {
        super(reason);
    }
}
