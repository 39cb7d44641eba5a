package dev.forge.primitives.gpu;

/**
 * A GPU primitive needs more device memory than the device (or its pool) can give: the message says what the memory
 * was for, how much it was, and what to do instead. The cause is the driver's out-of-memory error.
 */
public final class GpuOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GpuOutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
