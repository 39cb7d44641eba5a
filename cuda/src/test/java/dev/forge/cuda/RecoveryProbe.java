package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Diagnostic, run by hand on a GPU machine: triggers an illegal address, then tries one way of recovering the
 * context (named by the first argument) with raw driver calls, and prints whether the GPU works afterwards.
 * It decided how {@link CudaDevice#reset()} recovers; see the cuda module's README.
 */
public final class RecoveryProbe {
    private RecoveryProbe() {
    }

    private static Arena arena = Arena.ofShared();

    private static long call(String name, int result) {
        System.out.println("  " + name + " -> " + (result == 0 ? "ok" : CudaErrors.name(result)));
        return result;
    }

    private static long retain(int device) {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
        call("cuDevicePrimaryCtxRetain", Driver.cuDevicePrimaryCtxRetain(value, device));
        return value.get(ValueLayout.JAVA_LONG, 0);
    }

    public static void main(String[] args) throws IOException {
        String strategy = args[0];
        System.out.println("strategy " + strategy);
        call("cuInit", Driver.cuInit(0));
        int device = 0;
        long context = retain(device);
        call("cuCtxSetCurrent", Driver.cuCtxSetCurrent(context));
        byte[] image;
        try (InputStream in = RecoveryProbe.class.getResourceAsStream("/kernels/test_kernels.fatbin")) {
            image = in.readAllBytes();
        }
        long stream = launchOutOfBounds(image);
        call("cuStreamSynchronize (expect illegal address)", Driver.cuStreamSynchronize(stream));
        switch (strategy) {
            case "reset" -> {
                call("cuDevicePrimaryCtxReset_v2", Driver.cuDevicePrimaryCtxReset(device));
                context = retain(device);
            }
            case "detach-reset" -> {
                call("cuCtxSetCurrent(null)", Driver.cuCtxSetCurrent(0));
                call("cuDevicePrimaryCtxReset_v2", Driver.cuDevicePrimaryCtxReset(device));
                context = retain(device);
            }
            case "detach-release" -> {
                call("cuCtxSetCurrent(null)", Driver.cuCtxSetCurrent(0));
                call("cuDevicePrimaryCtxRelease_v2", Driver.cuDevicePrimaryCtxRelease(device));
                context = retain(device);
            }
            case "detach-reset-release" -> {
                call("cuCtxSetCurrent(null)", Driver.cuCtxSetCurrent(0));
                call("cuDevicePrimaryCtxReset_v2", Driver.cuDevicePrimaryCtxReset(device));
                call("cuDevicePrimaryCtxRelease_v2", Driver.cuDevicePrimaryCtxRelease(device));
                context = retain(device);
            }
            case "new-context" -> {
                call("cuCtxSetCurrent(null)", Driver.cuCtxSetCurrent(0));
                MemorySegment created = arena.allocate(ValueLayout.JAVA_LONG);
                call("cuCtxCreate_v4", Driver.cuCtxCreate(created, MemorySegment.NULL, 0, device));
                context = created.get(ValueLayout.JAVA_LONG, 0);
            }
            case "reset-new-context" -> {
                call("cuCtxSetCurrent(null)", Driver.cuCtxSetCurrent(0));
                call("cuDevicePrimaryCtxReset_v2", Driver.cuDevicePrimaryCtxReset(device));
                MemorySegment created = arena.allocate(ValueLayout.JAVA_LONG);
                call("cuCtxCreate_v4", Driver.cuCtxCreate(created, MemorySegment.NULL, 0, device));
                context = created.get(ValueLayout.JAVA_LONG, 0);
            }
            default -> throw new IllegalArgumentException(strategy);
        }
        call("cuCtxSetCurrent(new)", Driver.cuCtxSetCurrent(context));
        MemorySegment pointer = arena.allocate(ValueLayout.JAVA_LONG);
        long allocated = call("cuMemAlloc_v2 after recovery", Driver.cuMemAlloc(pointer, 4096));
        long module = loadModule(image);
        System.out.println(allocated == 0 && module != 0 ? "RECOVERED by " + strategy : "NOT RECOVERED by " + strategy);
    }

    private static long loadModule(byte[] image) {
        MemorySegment data = arena.allocate(image.length + 1L);
        MemorySegment.copy(image, 0, data, ValueLayout.JAVA_BYTE, 0, image.length);
        MemorySegment module = arena.allocate(ValueLayout.JAVA_LONG);
        return call("cuModuleLoadData", Driver.cuModuleLoadData(module, data)) == 0 ? module.get(ValueLayout.JAVA_LONG, 0) : 0;
    }

    private static long launchOutOfBounds(byte[] image) {
        long module = loadModule(image);
        MemorySegment function = arena.allocate(ValueLayout.JAVA_LONG);
        call("cuModuleGetFunction", Driver.cuModuleGetFunction(function, module, arena.allocateFrom("write_out_of_bounds")));
        MemorySegment stream = arena.allocate(ValueLayout.JAVA_LONG);
        call("cuStreamCreate", Driver.cuStreamCreate(stream, 1));
        MemorySegment pointer = arena.allocate(ValueLayout.JAVA_LONG);
        call("cuMemAlloc_v2", Driver.cuMemAlloc(pointer, 1024));
        MemorySegment values = arena.allocate(16, 8);
        values.set(ValueLayout.JAVA_LONG, 0, pointer.get(ValueLayout.JAVA_LONG, 0));
        values.set(ValueLayout.JAVA_LONG, 8, 1L << 40);
        MemorySegment parameters = arena.allocate(ValueLayout.ADDRESS, 2);
        parameters.setAtIndex(ValueLayout.JAVA_LONG, 0, values.address());
        parameters.setAtIndex(ValueLayout.JAVA_LONG, 1, values.address() + 8);
        call("cuLaunchKernel", Driver.cuLaunchKernel(function.get(ValueLayout.JAVA_LONG, 0), 1, 1, 1, 1, 1, 1, 0,
                stream.get(ValueLayout.JAVA_LONG, 0), parameters, MemorySegment.NULL));
        return stream.get(ValueLayout.JAVA_LONG, 0);
    }
}
