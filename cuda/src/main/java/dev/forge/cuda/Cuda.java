package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The entry point to the GPU: whether one is usable, and the devices.
 *
 * <p>The driver is initialised once, on first use. Each device is a process-wide singleton bound to its primary
 * context, the context the CUDA runtime and every other library in the process share.
 */
public final class Cuda {
    private Cuda() {
    }

    private static final Object LOCK = new Object();
    private static volatile CudaStatus status;
    private static CudaDevice[] devices;

    /** Whether a GPU can be used; never throws. */
    public static boolean isAvailable() {
        return status().available();
    }

    /** The availability of CUDA in this process, with a one-sentence reason when it is not. */
    public static CudaStatus status() {
        CudaStatus known = status;
        if (known != null) {
            return known;
        }
        synchronized (LOCK) {
            if (status == null) {
                status = initialise();
                devices = new CudaDevice[status.deviceCount()];
            }
            return status;
        }
    }

    private static CudaStatus initialise() {
        if (!Driver.library().isLoaded()) {
            return CudaStatus.unavailable(0, "no CUDA driver found: Forge will run on the CPU");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            int version = Driver.cuDriverGetVersion(value) == CudaErrors.SUCCESS ? value.get(ValueLayout.JAVA_INT, 0) : 0;
            int init = Driver.cuInit(0);
            if (init == CudaErrors.NO_DEVICE) {
                return CudaStatus.unavailable(version, "the CUDA driver found no GPU: Forge will run on the CPU");
            }
            if (init != CudaErrors.SUCCESS) {
                return CudaStatus.unavailable(version, "the CUDA driver did not start (" + CudaErrors.name(init) + ": "
                        + CudaErrors.message(init) + "): Forge will run on the CPU");
            }
            int count = Driver.cuDeviceGetCount(value) == CudaErrors.SUCCESS ? value.get(ValueLayout.JAVA_INT, 0) : 0;
            if (count == 0) {
                return CudaStatus.unavailable(version, "the CUDA driver found no GPU: Forge will run on the CPU");
            }
            return CudaStatus.available(count, version);
        } catch (RuntimeException | LinkageError broken) {
            return CudaStatus.unavailable(0, "the CUDA driver could not be used (" + broken.getMessage()
                    + "): Forge will run on the CPU");
        }
    }

    public static int deviceCount() {
        return status().deviceCount();
    }

    /** The device with the given ordinal; throws {@link IllegalStateException} with the reason when there is no GPU. */
    public static CudaDevice device(int ordinal) {
        CudaStatus current = status();
        if (!current.available()) {
            throw new IllegalStateException(current.reason());
        }
        if (ordinal < 0 || ordinal >= current.deviceCount()) {
            throw new IllegalArgumentException("no CUDA device " + ordinal + ": this machine has "
                    + current.deviceCount() + " (ordinals 0.." + (current.deviceCount() - 1) + ")");
        }
        synchronized (LOCK) {
            if (devices[ordinal] == null) {
                devices[ordinal] = CudaDevice.open(ordinal);
            }
            return devices[ordinal];
        }
    }

    /** Device 0, the one Forge uses unless told otherwise. */
    public static CudaDevice defaultDevice() {
        return device(0);
    }
}
