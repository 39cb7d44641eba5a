package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One GPU and its primary context: the factory for everything that lives on the device.
 *
 * <p>Every call into the driver goes through {@link #bind()}, which makes the context current on the calling
 * thread (Java threads come and go; the CUDA context is per thread) and recovers a context broken by a sticky
 * error. Recovery resets the primary context, which frees all of its memory and modules at once; objects made
 * before it know their generation and neither use nor free what the reset took. Where the driver refuses the reset
 * (it keeps the error for the whole process), the device becomes lost: every later use throws
 * {@link DeviceLostException}, closing objects still works, and a new process can use the GPU.
 */
public final class CudaDevice {
    private record Binding(CudaDevice device, int generation) {
    }

    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();

    private final int ordinal;
    private final int handle;
    private final DeviceInfo info;
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
    private volatile long context;
    private volatile int generation;
    private volatile String brokenBy;
    private volatile String lostReason;

    private CudaDevice(int ordinal, int handle, long context, DeviceInfo info) {
        this.ordinal = ordinal;
        this.handle = handle;
        this.context = context;
        this.info = info;
    }

    static CudaDevice open(int ordinal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            CudaErrors.check(Driver.cuDeviceGet(value, ordinal), "cuDeviceGet");
            int handle = value.get(ValueLayout.JAVA_INT, 0);
            CudaErrors.check(Driver.cuDevicePrimaryCtxRetain(value, handle), "cuDevicePrimaryCtxRetain");
            long context = value.get(ValueLayout.JAVA_LONG, 0);
            return new CudaDevice(ordinal, handle, context, readInfo(ordinal, handle, arena));
        }
    }

    private static DeviceInfo readInfo(int ordinal, int handle, Arena arena) {
        MemorySegment name = arena.allocate(256);
        CudaErrors.check(Driver.cuDeviceGetName(name, 256, handle), "cuDeviceGetName");
        MemorySegment uuid = arena.allocate(16);
        CudaErrors.check(Driver.cuDeviceGetUuid(uuid, handle), "cuDeviceGetUuid_v2");
        MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
        CudaErrors.check(Driver.cuDeviceTotalMem(total, handle), "cuDeviceTotalMem_v2");
        return new DeviceInfo(
                ordinal,
                name.getString(0),
                formatUuid(uuid.toArray(ValueLayout.JAVA_BYTE)),
                attribute(arena, handle, DeviceAttribute.COMPUTE_CAPABILITY_MAJOR),
                attribute(arena, handle, DeviceAttribute.COMPUTE_CAPABILITY_MINOR),
                attribute(arena, handle, DeviceAttribute.MULTIPROCESSOR_COUNT),
                total.get(ValueLayout.JAVA_LONG, 0),
                attribute(arena, handle, DeviceAttribute.L2_CACHE_SIZE),
                attribute(arena, handle, DeviceAttribute.MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
                attribute(arena, handle, DeviceAttribute.MAX_SHARED_MEMORY_PER_MULTIPROCESSOR),
                attribute(arena, handle, DeviceAttribute.MAX_THREADS_PER_MULTIPROCESSOR),
                attribute(arena, handle, DeviceAttribute.CLOCK_RATE),
                attribute(arena, handle, DeviceAttribute.MEMORY_CLOCK_RATE),
                attribute(arena, handle, DeviceAttribute.GLOBAL_MEMORY_BUS_WIDTH),
                attribute(arena, handle, DeviceAttribute.COOPERATIVE_LAUNCH) != 0,
                attribute(arena, handle, DeviceAttribute.MEMORY_POOLS_SUPPORTED) != 0);
    }

    private static int attribute(Arena arena, int handle, int attribute) {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        CudaErrors.check(Driver.cuDeviceGetAttribute(value, attribute, handle), "cuDeviceGetAttribute(" + attribute + ")");
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    private static String formatUuid(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        return "GPU-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    public int ordinal() {
        return ordinal;
    }

    public DeviceInfo info() {
        return info;
    }

    /** Any device attribute by its {@code CUdevice_attribute} number; see {@link DeviceAttribute}. */
    public int attribute(int attribute) {
        bind();
        try (Arena arena = Arena.ofConfined()) {
            return attribute(arena, handle, attribute);
        }
    }

    /**
     * Increases each time the context is reset after a sticky error. Resources remember the generation they were
     * made in; a resource from an older generation was freed by the reset.
     */
    public int generation() {
        return generation;
    }

    /**
     * Makes this device's context current on the calling thread, resetting it first if an error broke it. Throws
     * {@link DeviceLostException} when the driver could not reset it.
     */
    public void bind() {
        if (lostReason != null) {
            throw new DeviceLostException(lostReason);
        }
        if (brokenBy != null) {
            recover();
        }
        Binding bound = BOUND.get();
        int current = generation;
        if (bound == null || bound.device() != this || bound.generation() != current) {
            check(Driver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            BOUND.set(new Binding(this, current));
        }
    }

    /** Throws a {@link CudaException} for a failed call, marking the context broken when the error is sticky. */
    public void check(int result, String call) {
        if (result == CudaErrors.SUCCESS) {
            return;
        }
        boolean sticky = CudaErrors.isSticky(result);
        if (sticky) {
            brokenBy = CudaErrors.name(result) + " in " + call;
        }
        throw new CudaException(call, result, CudaErrors.name(result), CudaErrors.message(result), sticky);
    }

    /** Whether a sticky error has broken the context (the next {@link #bind()} will try to reset it). */
    public boolean isBroken() {
        return brokenBy != null;
    }

    /** Why this GPU cannot be used again in this process, or empty while it can. */
    public java.util.Optional<String> lostReason() {
        return java.util.Optional.ofNullable(lostReason);
    }

    /**
     * For {@code close()}: binds the context and tells whether resources made in {@code madeIn} still exist to be
     * freed. False when a reset already freed them, or when the device is lost (the process's end frees them).
     * Public for resources of other packages (cuBLAS handles), which follow the same rule.
     */
    public boolean ownsResourcesOf(int madeIn) {
        if (lostReason != null) {
            return false;
        }
        try {
            bind();
        } catch (DeviceLostException lost) {
            return false;
        }
        return madeIn == generation;
    }

    /**
     * Resets the primary context now: frees every allocation, module, stream and event of this device. Use it
     * only when nothing else in the process uses the device.
     */
    public synchronized void reset() {
        BOUND.remove();
        check(Driver.cuCtxSetCurrent(0), "cuCtxSetCurrent(null)");
        check(Driver.cuDevicePrimaryCtxReset(handle), "cuDevicePrimaryCtxReset_v2");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            check(Driver.cuDevicePrimaryCtxRetain(value, handle), "cuDevicePrimaryCtxRetain");
            context = value.get(ValueLayout.JAVA_LONG, 0);
        }
        generation++;
        brokenBy = null;
        BOUND.remove();
        for (Runnable listener : resetListeners) {
            listener.run();
        }
    }

    /**
     * Resets the context after a sticky error. Drivers that keep the error for the whole process (CUDA 13's 580
     * driver does: reset, release and even a new context all return it again) make the device lost instead.
     */
    private synchronized void recover() {
        if (brokenBy == null || lostReason != null) {
            return;
        }
        System.Logger log = System.getLogger("dev.forge.cuda");
        String fault = brokenBy; // a failed reset overwrites brokenBy with its own error: keep the original
        log.log(System.Logger.Level.WARNING, "resetting GPU " + ordinal + " after " + fault);
        try {
            reset();
        } catch (CudaException refused) {
            lostReason = "GPU " + ordinal + " cannot be used again in this process: " + fault + " broke its context"
                    + " and the CUDA driver refused to reset it (" + refused.errorName() + " from " + refused.call()
                    + "); work runs on the CPU until Forge is restarted";
            brokenBy = null;
            log.log(System.Logger.Level.ERROR, lostReason);
            throw new DeviceLostException(lostReason);
        }
    }

    /** Runs after each reset, e.g. to drop caches of modules that the reset unloaded. */
    public void onReset(Runnable listener) {
        resetListeners.add(listener);
    }

    /** Throws when a resource made in {@code madeIn} is used after a reset took it. */
    public void requireGeneration(int madeIn, String what) {
        if (madeIn != generation) {
            throw new IllegalStateException(what + " was freed when GPU " + ordinal
                    + " was reset after an error; create it again");
        }
    }

    /** Allocates device memory synchronously ({@code cuMemAlloc}); prefer a {@link MemoryPool} inside queries. */
    public DeviceBuffer allocate(long bytes) {
        return DeviceBuffer.allocate(this, bytes);
    }

    /** Like {@link #allocate}, for memory a process-wide cache keeps on purpose: tests do not count it as a leak. */
    public DeviceBuffer allocateCached(long bytes) {
        return DeviceBuffer.allocate(this, bytes, true);
    }

    public Stream createStream() {
        return Stream.create(this);
    }

    public Event createEvent() {
        return Event.create(this, true);
    }

    /** A stream-ordered memory pool that keeps freed memory for reuse (see {@link MemoryPool}). */
    public MemoryPool createPool() {
        return MemoryPool.create(this, Long.MAX_VALUE);
    }

    /** Loads a CUBIN, fatbin or NUL-terminated PTX image. */
    public Module loadModule(byte[] image, String name) {
        return Module.load(this, image, name);
    }

    /** Waits for all work on the device (every stream) to finish. */
    public void synchronize() {
        bind();
        check(Driver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Free and total device memory as the driver sees them now: {@code [free, total]}. */
    public long[] memoryInfo() {
        bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
            check(Driver.cuMemGetInfo(free, total), "cuMemGetInfo_v2");
            return new long[] {free.get(ValueLayout.JAVA_LONG, 0), total.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    @Override
    public String toString() {
        return "GPU " + ordinal + " (" + info.name() + ", " + info.architecture() + ")";
    }
}
