package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Device code loaded into a context (CUBIN, fatbin or PTX); its kernels live as long as it does. */
public final class Module implements AutoCloseable {
    private final CudaDevice device;
    private final long handle;
    private final String name;
    private final int generation;
    private final Map<String, String> loweredNames;
    private final Map<String, Kernel> kernels = new ConcurrentHashMap<>();
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Module(CudaDevice device, long handle, String name, long imageBytes, Map<String, String> loweredNames,
            boolean cached) {
        this.device = device;
        this.handle = handle;
        this.name = name;
        this.generation = device.generation();
        this.loweredNames = Map.copyOf(loweredNames);
        this.registration = LeakTracker.register("module", imageBytes, name + " on " + device, cached);
    }

    static Module load(CudaDevice device, byte[] image, String name) {
        return load(device, image, name, Map.of(), false);
    }

    /**
     * Loads an image. {@code loweredNames} maps C++ name expressions (e.g. {@code reduce<int>}) to their mangled
     * symbols, as NVRTC reports them, so kernels can be looked up by the name written in the source. A
     * {@code cached} module is owned by a long-lived cache and is not reported as a leak (see {@link LeakTracker}).
     */
    public static Module load(CudaDevice device, byte[] image, String name, Map<String, String> loweredNames,
            boolean cached) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            // PTX is text and must end with NUL; binary images are unaffected by one extra byte.
            MemorySegment data = arena.allocate(image.length + 1L, 16);
            MemorySegment.copy(image, 0, data, ValueLayout.JAVA_BYTE, 0, image.length);
            MemorySegment module = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuModuleLoadData(module, data), "cuModuleLoadData(" + name + ")");
            return new Module(device, module.get(ValueLayout.JAVA_LONG, 0), name, image.length, loweredNames, cached);
        }
    }

    public CudaDevice device() {
        return device;
    }

    public String name() {
        return name;
    }

    long handle() {
        if (closed.get()) {
            throw new IllegalStateException("module " + name + " was already closed");
        }
        device.requireGeneration(generation, "module " + name);
        return handle;
    }

    /** Whether this module is loaded in the device's current context (not closed, not lost in a reset). */
    public boolean isUsable() {
        return !closed.get() && generation == device.generation();
    }

    /** The kernel with this {@code extern "C"} name or registered name expression. */
    public Kernel kernel(String kernelName) {
        return kernels.computeIfAbsent(kernelName, this::find);
    }

    private Kernel find(String kernelName) {
        String symbol = loweredNames.getOrDefault(kernelName, kernelName);
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuModuleGetFunction(function, handle(), arena.allocateFrom(symbol)),
                    "cuModuleGetFunction(" + kernelName + " in " + name + ")");
            return new Kernel(this, kernelName, function.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuModuleUnload(handle), "cuModuleUnload(" + name + ")");
            }
        }
    }
}
