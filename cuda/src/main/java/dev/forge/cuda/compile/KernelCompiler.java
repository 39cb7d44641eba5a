package dev.forge.cuda.compile;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.CudaErrors;
import dev.forge.cuda.CudaException;
import dev.forge.cuda.Module;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns {@link KernelSource}s into loaded {@link Module}s for one device, as cheaply as possible: a module already
 * loaded, then a prebuilt fatbin shipped by the build, then a compiled image in memory, then one on disk, and only
 * then NVRTC.
 *
 * <p>Compiled images are kept in memory per compiler; {@link #shared(CudaDevice)} gives the one per device that the
 * whole process shares. The cache key of a compiled image covers everything that can change the machine code:
 * source and headers, options, the device's architecture and the driver version. Modules loaded here belong to the
 * compiler and are unloaded by {@link #close()} (or by a context reset).
 */
public final class KernelCompiler implements AutoCloseable {
    private static final Map<CudaDevice, KernelCompiler> SHARED = new ConcurrentHashMap<>();
    private static final List<String> BASE_OPTIONS = List.of("-std=c++17");

    private final CudaDevice device;
    private final KernelDiskCache diskCache;
    private final Map<String, KernelBinary> compiled = new ConcurrentHashMap<>();
    private final Map<String, Module> modules = new ConcurrentHashMap<>();
    /**
     * Module keys of sources without a prebuilt binary (generated kernels), by source: the key is a SHA-256 over the
     * source and its headers (~25 KB for a query kernel, tens of microseconds, paid by every launch of every warm
     * query), while a source seen before is found by equality, which costs little for the same strings (their hashes
     * are cached). A prebuilt binary is compared by identity in a source's equality, so those are left out, lest a
     * source re-read per use add an entry each time. Grows like {@link #modules}: one entry per distinct source.
     */
    private final Map<KernelSource, String> generatedModuleKeys = new ConcurrentHashMap<>();
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
    private final AtomicLong memoryHits = new AtomicLong();
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong prebuiltLoads = new AtomicLong();
    private final AtomicLong nvrtcCompiles = new AtomicLong();
    private final AtomicLong nvrtcNanos = new AtomicLong();
    private volatile List<String> targetOptions;

    /** What the compiler has done so far: where its images came from, and NVRTC's total time. */
    public record Statistics(long memoryHits, long diskHits, long prebuiltLoads, long nvrtcCompiles, long nvrtcNanos) {
    }

    /**
     * A compiler for {@code device} with the given disk cache ({@code null} for none). Most code should use
     * {@link #shared(CudaDevice)}.
     */
    public KernelCompiler(CudaDevice device, KernelDiskCache diskCache) {
        this.device = device;
        this.diskCache = diskCache;
        device.onReset(modules::clear);
    }

    /** The process-wide compiler of a device, caching on disk in the user's cache folder. */
    public static KernelCompiler shared(CudaDevice device) {
        return SHARED.computeIfAbsent(device, gpu -> new KernelCompiler(gpu, KernelDiskCache.userDefault()));
    }

    /** Whether run-time compilation is possible here, or why not. */
    public static java.util.Optional<String> nvrtcUnavailableReason() {
        return NvrtcProgram.unavailableReason();
    }

    public static String nvrtcVersion() {
        return NvrtcProgram.version();
    }

    public Statistics statistics() {
        return new Statistics(memoryHits.get(), diskHits.get(), prebuiltLoads.get(), nvrtcCompiles.get(), nvrtcNanos.get());
    }

    /**
     * Compiles (or finds in a cache) the image for this device, without loading it. A cache hit needs neither NVRTC
     * nor its start-up time: the key names the device's architecture, not the option NVRTC will be given for it.
     */
    public KernelBinary compile(KernelSource source) {
        List<String> options = new ArrayList<>(BASE_OPTIONS);
        options.addAll(source.options());
        String key = cacheKey(source, options);
        KernelBinary known = compiled.get(key);
        if (known != null) {
            memoryHits.incrementAndGet();
            return known.from(KernelBinary.Origin.MEMORY_CACHE);
        }
        synchronized (keyLocks.computeIfAbsent(key, ignored -> new Object())) {
            known = compiled.get(key);
            if (known != null) {
                memoryHits.incrementAndGet();
                return known.from(KernelBinary.Origin.MEMORY_CACHE);
            }
            if (diskCache != null) {
                var fromDisk = diskCache.read(key);
                if (fromDisk.isPresent()) {
                    diskHits.incrementAndGet();
                    compiled.put(key, fromDisk.get());
                    return fromDisk.get();
                }
            }
            NvrtcProgram.unavailableReason().ifPresent(reason -> {
                throw new IllegalStateException(reason + ": install the CUDA toolkit (it provides libnvrtc) or point "
                        + "FORGE_NVRTC at libnvrtc.so to compile kernels at run time");
            });
            List<String> nvrtcOptions = new ArrayList<>(targetOptions());
            nvrtcOptions.addAll(options);
            KernelBinary fresh = NvrtcProgram.compile(source, nvrtcOptions);
            nvrtcCompiles.incrementAndGet();
            nvrtcNanos.addAndGet(fresh.compileNanos());
            compiled.put(key, fresh);
            if (diskCache != null) {
                diskCache.write(key, fresh);
            }
            return fresh;
        }
    }

    /** The loaded module for {@code source}: the prebuilt fatbin when it runs on this device, else compiled. */
    public Module load(KernelSource source) {
        device.bind(); // a context broken by an error is reset here, dropping the modules it held
        String moduleKey = source.prebuilt().isEmpty()
                ? generatedModuleKeys.computeIfAbsent(source, KernelCompiler::moduleKey) : moduleKey(source);
        Module loaded = modules.get(moduleKey);
        if (loaded != null && loaded.isUsable()) {
            return loaded;
        }
        synchronized (keyLocks.computeIfAbsent(moduleKey, ignored -> new Object())) {
            loaded = modules.get(moduleKey);
            if (loaded != null && loaded.isUsable()) {
                return loaded;
            }
            loaded = loadPrebuilt(source);
            if (loaded == null) {
                KernelBinary binary = compile(source);
                loaded = Module.load(device, binary.image(), source.name(), binary.loweredNames(), true);
            }
            modules.put(moduleKey, loaded);
            return loaded;
        }
    }

    private Module loadPrebuilt(KernelSource source) {
        if (source.prebuilt().isEmpty() || !source.nameExpressions().isEmpty()) {
            return null;
        }
        try {
            Module module = Module.load(device, source.prebuilt().get(), source.name(), Map.of(), true);
            prebuiltLoads.incrementAndGet();
            return module;
        } catch (CudaException notForThisDevice) {
            if (notForThisDevice.contextBroken() || notForThisDevice.code() != CudaErrors.NO_BINARY_FOR_GPU) {
                throw notForThisDevice;
            }
            return null; // the build targeted other GPUs: compile for this one
        }
    }

    /** The architecture NVRTC targets for this device and the toolkit's include folders; needs NVRTC. */
    private List<String> targetOptions() {
        if (targetOptions == null) {
            List<String> target = new ArrayList<>();
            target.add(NvrtcProgram.architectureOption(device.info().computeMajor() * 10 + device.info().computeMinor()));
            target.addAll(NvrtcProgram.toolkitIncludeOptions());
            targetOptions = List.copyOf(target);
        }
        return targetOptions;
    }

    private String cacheKey(KernelSource source, List<String> options) {
        StringBuilder identity = new StringBuilder("forge-kernel-v1\0");
        identity.append(source.name()).append('\0').append(source.code()).append('\0');
        new TreeMap<>(source.headers()).forEach((name, text) -> identity.append(name).append('\0').append(text).append('\0'));
        identity.append(String.join("\u0001", options)).append('\0');
        identity.append(String.join("\u0001", source.nameExpressions())).append('\0');
        identity.append("architecture ").append(device.info().architecture()).append('\0');
        identity.append("driver ").append(Cuda.status().driverVersion());
        return sha256Hex(identity.toString());
    }

    private static String moduleKey(KernelSource source) {
        StringBuilder identity = new StringBuilder(source.name()).append('\0').append(source.code()).append('\0');
        new TreeMap<>(source.headers()).forEach((name, text) -> identity.append(name).append('\0').append(text).append('\0'));
        identity.append(String.join("\u0001", source.options())).append('\0');
        identity.append(String.join("\u0001", source.nameExpressions())).append('\0');
        identity.append(source.prebuilt().isPresent() ? "prebuilt" : "compiled");
        return sha256Hex(identity.toString());
    }

    private static String sha256Hex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(KernelDiskCache.sha256(bytes, bytes.length));
    }

    /** Unloads every module this compiler loaded. */
    @Override
    public void close() {
        for (Module module : modules.values()) {
            module.close();
        }
        modules.clear();
        SHARED.remove(device, this);
    }
}
