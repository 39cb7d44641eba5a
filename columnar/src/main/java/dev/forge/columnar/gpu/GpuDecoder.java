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

/**
 * Decodes {@link EncodedChunk}s held in device memory into plain arrays on the GPU with the kernels of
 * {@code decode.cu}. The host view of the same chunk supplies the header (parsed and checked there, so the
 * kernels never see an inconsistent one); the device copy supplies the sections, which stay where they are.
 */
public final class GpuDecoder {
    private static final String SOURCE = "/kernels/decode.cu";
    private static final int WARPS_PER_BLOCK = 4; // kWarpsPerBlock in decode.cu
    private static final int THREADS_PER_BLOCK = WARPS_PER_BLOCK * 32;

    private final CudaDevice device;
    private final Module module;

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
     * Decodes the chunk whose bytes {@code chunkOnDevice} holds (a copy of {@code chunk.memory()}) into the start of
     * {@code output}, queued on {@code stream}.
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
        boolean wide = chunk.valueBytes() == 8;
        String suffix = wide ? "_u64" : "_u32";
        switch (chunk.encoding()) {
            case PLAIN -> output.slice(0, outputBytes).copyFromAsync(section(chunk, chunkOnDevice, 0), stream);
            case FRAME_OF_REFERENCE -> {
                KernelLaunch launch = perBlock("decode_for_bitpack" + suffix, chunk, stream)
                        .arg(section(chunk, chunkOnDevice, 0));
                reference(launch, chunk, wide)
                        .arg(chunk.width())
                        .arg(section(chunk, chunkOnDevice, 1))
                        .arg(section(chunk, chunkOnDevice, 2))
                        .arg(section(chunk, chunkOnDevice, 3))
                        .arg(chunk.entryCount())
                        .arg(output)
                        .arg(chunk.count())
                        .launch();
            }
            case DELTA -> {
                KernelLaunch launch = perBlock("decode_delta" + suffix, chunk, stream)
                        .arg(section(chunk, chunkOnDevice, 0))
                        .arg(section(chunk, chunkOnDevice, 1));
                reference(launch, chunk, wide)
                        .arg(chunk.width())
                        .arg(output)
                        .arg(chunk.count())
                        .launch();
            }
            case DICTIONARY -> perBlock("decode_dictionary" + suffix, chunk, stream)
                    .arg(section(chunk, chunkOnDevice, 0))
                    .arg(section(chunk, chunkOnDevice, 1))
                    .arg(chunk.width())
                    .arg(output)
                    .arg(chunk.count())
                    .launch();
            case RUN_LENGTH -> kernel("decode_run_length" + suffix).launcher()
                    .grid(Math.ceilDiv(chunk.count(), 256))
                    .block(256)
                    .stream(stream)
                    .arg(section(chunk, chunkOnDevice, 0))
                    .arg(section(chunk, chunkOnDevice, 1))
                    .arg(chunk.entryCount())
                    .arg(output)
                    .arg(chunk.count())
                    .launch();
        }
    }

    private KernelLaunch perBlock(String name, EncodedChunk chunk, Stream stream) {
        return kernel(name).launcher()
                .grid(Math.ceilDiv(chunk.blockCount(), WARPS_PER_BLOCK))
                .block(THREADS_PER_BLOCK)
                .stream(stream);
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
