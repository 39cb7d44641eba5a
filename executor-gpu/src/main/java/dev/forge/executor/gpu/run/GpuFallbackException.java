package dev.forge.executor.gpu.run;

/**
 * The GPU started a query but cannot give its answer (an arithmetic error a kernel reported, a group table that
 * filled, device memory that ran out after eviction): the CPU executor runs the query instead and reports the
 * outcome, an exact error message included. The message says why, for the result's note.
 */
public final class GpuFallbackException extends RuntimeException {
    public GpuFallbackException(String reason) {
        super(reason);
    }

    public GpuFallbackException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
