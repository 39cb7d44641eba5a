package dev.forge.columnar.gpu;

import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Kernel;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes {@link EncodedChunk}s held in device memory into plain arrays on the GPU with the kernels of
 * {@code decode.cu}. The host view of the same chunk supplies the header (parsed and checked there, so the
 * kernels never see an inconsistent one); the device copy supplies the sections, which stay where they are.
 *
 * <p>Frame of reference, delta and dictionary have one kernel per bit width. Every kernel loops over its chunk, so
 * the grid is only as large as the GPU holds at once.
 */
public final class GpuDecoder {
    private static final String SOURCE = "/kernels/decode.cu";
    // CTA sizes and work per CTA in decode.cu.
    private static final int FRAME_OF_REFERENCE_THREADS = 8 * 32;
    private static final int DELTA_THREADS = 4 * 32;
    private static final int RUN_LENGTH_THREADS = 256;
    private static final int RUN_LENGTH_TILE_VALUES = 4096;
    private static final int WIDEST_SPECIALISED_DICTIONARY_CODE = 32;

    private final CudaDevice device;
    private final Module module;
    private final Map<String, Integer> residentCtas = new ConcurrentHashMap<>();
    private final Map<String, Boolean> sharedMemoryRaised = new ConcurrentHashMap<>();

    public GpuDecoder(CudaDevice device) {
        this(device, KernelCompiler.shared(device));
    }

    /** Loads the decode kernels through {@code compiler}, which owns the loaded module. */
    public GpuDecoder(CudaDevice device, KernelCompiler compiler) {
        this.device = device;
        this.module = compiler.load(KernelSource.fromResource(GpuDecoder.class, SOURCE));
    }

    /** Copies a chunk's bytes to new device memory, ready for {@link #decode}. */
    public DeviceBuffer upload(EncodedChunk chunk) {
        DeviceBuffer buffer = device.allocate(chunk.memory().byteSize());
        try {
            buffer.copyFrom(chunk.memory());
            return buffer;
        } catch (RuntimeException failed) {
            buffer.close();
            throw failed;
        }
    }

    /** Decodes into new device memory of {@code count * valueBytes} bytes, queued on {@code stream}. */
    public DeviceBuffer decode(EncodedChunk chunk, DeviceMemory chunkOnDevice, Stream stream) {
        DeviceBuffer output = device.allocate((long) chunk.count() * chunk.valueBytes());
        try {
            decodeInto(chunk, chunkOnDevice, output, stream);
            return output;
        } catch (RuntimeException failed) {
            output.close();
            throw failed;
        }
    }

    /**
     * Decodes the chunk whose bytes {@code chunkOnDevice} holds (a copy of {@code chunk.memory()}, 8-byte aligned)
     * into the start of {@code output}, queued on {@code stream}. The output must be aligned to the value size; at
     * 16 bytes the kernels store 16 bytes at a time, at any other alignment value by value (slower).
     */
    public void decodeInto(EncodedChunk chunk, DeviceMemory chunkOnDevice, DeviceMemory output, Stream stream) {
        if (chunkOnDevice.byteSize() < chunk.memory().byteSize()) {
            throw new IllegalArgumentException("device copy of " + chunk + " holds only " + chunkOnDevice.byteSize()
                    + " bytes");
        }
        long outputBytes = (long) chunk.count() * chunk.valueBytes();
        if (output.byteSize() < outputBytes) {
            throw new IllegalArgumentException("decoding " + chunk + " needs " + outputBytes + " bytes of output, got "
                    + output.byteSize());
        }
        if (chunk.count() == 0) {
            return;
        }
        if (chunkOnDevice.address() % 8 != 0) {
            throw new IllegalArgumentException("the device copy of " + chunk + " starts at 0x"
                    + Long.toHexString(chunkOnDevice.address()) + ", which is not 8-byte aligned; copy the chunk to"
                    + " an 8-byte boundary (device allocations are)");
        }
        if (output.address() % chunk.valueBytes() != 0) {
            throw new IllegalArgumentException("output at 0x" + Long.toHexString(output.address()) + " is not aligned to"
                    + " the chunk's " + chunk.valueBytes() + "-byte values");
        }
        boolean wide = chunk.valueBytes() == 8;
        String type = wide ? "_u64" : "_u32";
        switch (chunk.encoding()) {
            case PLAIN -> output.slice(0, outputBytes).copyFromAsync(section(chunk, chunkOnDevice, 0), stream);
            case FRAME_OF_REFERENCE -> {
                KernelLaunch launch = perBlock("decode_for" + type + "_w" + chunk.width(), FRAME_OF_REFERENCE_THREADS,
                        0, chunk, stream).arg(section(chunk, chunkOnDevice, 0));
                reference(launch, chunk, wide)
                        .arg(section(chunk, chunkOnDevice, 1))
                        .arg(section(chunk, chunkOnDevice, 2))
                        .arg(section(chunk, chunkOnDevice, 3))
                        .arg(chunk.entryCount())
                        .arg(output)
                        .arg(chunk.count())
                        .launch();
            }
            case DELTA -> {
                KernelLaunch launch = perBlock("decode_delta" + type + "_w" + chunk.width(), DELTA_THREADS, 0, chunk,
                        stream).arg(section(chunk, chunkOnDevice, 0)).arg(section(chunk, chunkOnDevice, 1));
                reference(launch, chunk, wide)
                        .arg(output)
                        .arg(chunk.count())
                        .launch();
            }
            case DICTIONARY -> {
                DictionaryStaging staging = DictionaryStaging.plan(chunk.entryCount(), chunk.valueBytes(),
                        device.info().maxSharedMemoryPerBlockOptIn());
                boolean specialised = chunk.width() <= WIDEST_SPECIALISED_DICTIONARY_CODE;
                String name = specialised ? "decode_dictionary" + type + "_w" + chunk.width()
                        : "decode_dictionary_u64_any_width"; // only u64 chunks can have wider codes
                KernelLaunch launch = perBlock(name, staging.threads(), staging.sharedMemoryBytes(), chunk, stream)
                        .arg(section(chunk, chunkOnDevice, 0))
                        .arg(staging.stagedEntries())
                        .arg(section(chunk, chunkOnDevice, 1));
                if (!specialised) {
                    launch.arg(chunk.width());
                }
                launch.arg(output).arg(chunk.count()).launch();
            }
            case RUN_LENGTH -> {
                String name = "decode_run_length" + type;
                int tiles = Math.ceilDiv(chunk.count(), RUN_LENGTH_TILE_VALUES);
                kernel(name).launcher()
                        .grid(grid(name, RUN_LENGTH_THREADS, 0, tiles))
                        .block(RUN_LENGTH_THREADS)
                        .stream(stream)
                        .arg(section(chunk, chunkOnDevice, 0))
                        .arg(section(chunk, chunkOnDevice, 1))
                        .arg(chunk.entryCount())
                        .arg(output)
                        .arg(chunk.count())
                        .launch();
            }
        }
    }

    /** A launch of a kernel whose warps each decode whole 1024-value blocks. */
    private KernelLaunch perBlock(String name, int threads, int sharedMemoryBytes, EncodedChunk chunk, Stream stream) {
        int ctasForAllBlocks = Math.ceilDiv(chunk.blockCount(), threads / 32);
        return kernel(name).launcher()
                .grid(grid(name, threads, sharedMemoryBytes, ctasForAllBlocks))
                .block(threads)
                .sharedMemory(sharedMemoryBytes)
                .stream(stream);
    }

    /** As many CTAs as the work needs, but no more than the GPU holds at once: the kernels loop over the rest. */
    private int grid(String name, int threads, int sharedMemoryBytes, int ctasForAllWork) {
        if (sharedMemoryBytes > 48 << 10) {
            // Above 48 KiB a kernel must be allowed more; the attribute only permits, so the device's maximum will do.
            sharedMemoryRaised.computeIfAbsent(name, ignored -> {
                kernel(name).allowDynamicSharedMemory(device.info().maxSharedMemoryPerBlockOptIn());
                return true;
            });
        }
        int perMultiprocessor = residentCtas.computeIfAbsent(name + "/" + threads + "/" + sharedMemoryBytes,
                ignored -> Math.max(1, kernel(name).maxActiveBlocksPerMultiprocessor(threads, sharedMemoryBytes)));
        long resident = (long) perMultiprocessor * device.info().multiprocessors();
        return (int) Math.max(1, Math.min(ctasForAllWork, resident));
    }

    private static KernelLaunch reference(KernelLaunch launch, EncodedChunk chunk, boolean wide) {
        return wide ? launch.arg(chunk.reference()) : launch.arg((int) chunk.reference());
    }

    private Kernel kernel(String name) {
        return module.kernel(name);
    }

    private static DeviceMemory section(EncodedChunk chunk, DeviceMemory chunkOnDevice, int index) {
        return chunkOnDevice.slice(chunk.sectionOffsetOf(index), chunk.section(index).byteSize());
    }
}
