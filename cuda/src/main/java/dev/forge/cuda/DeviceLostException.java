package dev.forge.cuda;

/**
 * The GPU cannot be used again in this process: a sticky error broke its context and the driver refused to reset
 * it. Work must go to the CPU; a new process can use the GPU again.
 */
public final class DeviceLostException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DeviceLostException(String message) {
        super(message);
    }
}
