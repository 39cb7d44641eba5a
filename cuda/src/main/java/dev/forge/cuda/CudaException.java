package dev.forge.cuda;

/**
 * A CUDA call that failed: names the call, the CUDA error name and the driver's message.
 *
 * <p>When {@link #contextBroken()} is true the error was sticky (an illegal address, a failed launch): every
 * allocation and module of that device's context is gone. The next use of the device resets the context and
 * works again; objects created before the error must not be used.
 */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;
    private final String errorName;
    private final boolean contextBroken;

    public CudaException(String call, int code, String errorName, String errorMessage, boolean contextBroken) {
        super(call + " failed: " + errorName + " (" + errorMessage + ")"
                + (contextBroken ? "; the GPU context was lost and will be reset on next use" : ""));
        this.call = call;
        this.code = code;
        this.errorName = errorName;
        this.contextBroken = contextBroken;
    }

    /** The driver function that failed, with its version suffix (e.g. {@code cuMemAlloc_v2}). */
    public String call() {
        return call;
    }

    /** The raw {@code CUresult}. */
    public int code() {
        return code;
    }

    /** The symbolic name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    public String errorName() {
        return errorName;
    }

    public boolean contextBroken() {
        return contextBroken;
    }

    public boolean isOutOfMemory() {
        return code == CudaErrors.OUT_OF_MEMORY;
    }
}
