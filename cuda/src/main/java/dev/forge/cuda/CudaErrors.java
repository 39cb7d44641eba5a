package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** CUDA result codes Forge reacts to, and the driver's names and messages for any code. */
public final class CudaErrors {
    private CudaErrors() {
    }

    public static final int SUCCESS = 0;
    public static final int OUT_OF_MEMORY = 2;
    public static final int NOT_INITIALIZED = 3;
    public static final int NO_DEVICE = 100;
    public static final int NO_BINARY_FOR_GPU = 209;
    public static final int NOT_READY = 600;
    public static final int ILLEGAL_ADDRESS = 700;
    public static final int LAUNCH_TIMEOUT = 702;
    public static final int ASSERT = 710;
    public static final int HARDWARE_STACK_ERROR = 714;
    public static final int ILLEGAL_INSTRUCTION = 715;
    public static final int MISALIGNED_ADDRESS = 716;
    public static final int INVALID_ADDRESS_SPACE = 717;
    public static final int INVALID_PC = 718;
    public static final int LAUNCH_FAILED = 719;
    /** The new graph's topology or node kinds differ from the executable being updated. */
    public static final int GRAPH_EXEC_UPDATE_FAILURE = 910;

    /**
     * Errors after which the context is unusable: the driver documents that the process must destroy the
     * context (here: reset the primary context) before the device can be used again.
     */
    public static boolean isSticky(int code) {
        return switch (code) {
            case ILLEGAL_ADDRESS, LAUNCH_TIMEOUT, ASSERT, HARDWARE_STACK_ERROR, ILLEGAL_INSTRUCTION,
                    MISALIGNED_ADDRESS, INVALID_ADDRESS_SPACE, INVALID_PC, LAUNCH_FAILED -> true;
            default -> false;
        };
    }

    public static String name(int code) {
        return describe(code, true);
    }

    public static String message(int code) {
        return describe(code, false);
    }

    private static String describe(int code, boolean name) {
        if (!Driver.library().isLoaded()) {
            return "CUresult " + code;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(ValueLayout.ADDRESS);
            int result = name ? Driver.cuGetErrorName(code, text) : Driver.cuGetErrorString(code, text);
            MemorySegment pointer = text.get(ValueLayout.ADDRESS, 0);
            if (result != SUCCESS || pointer.equals(MemorySegment.NULL)) {
                return "CUresult " + code;
            }
            return pointer.reinterpret(1024).getString(0);
        }
    }

    /** Throws a {@link CudaException} for a failed call that belongs to no device (init, device queries). */
    static void check(int result, String call) {
        if (result != SUCCESS) {
            throw new CudaException(call, result, name(result), message(result), false);
        }
    }
}
