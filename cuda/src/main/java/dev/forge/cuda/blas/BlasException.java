package dev.forge.cuda.blas;

/** A cuBLAS call that failed: names the call, the status and what it means, and the operation Forge was running. */
public class BlasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int status;

    public BlasException(String call, int status, String operation) {
        super(call + " failed: " + BlasStatus.name(status) + " (" + BlasStatus.message(status) + ")"
                + (operation.isEmpty() ? "" : " while " + operation));
        this.call = call;
        this.status = status;
    }

    /** The cuBLAS function that failed, with its version suffix (e.g. {@code cublasCreate_v2}). */
    public String call() {
        return call;
    }

    /** The raw {@code cublasStatus_t}. */
    public int status() {
        return status;
    }

    public String statusName() {
        return BlasStatus.name(status);
    }
}
