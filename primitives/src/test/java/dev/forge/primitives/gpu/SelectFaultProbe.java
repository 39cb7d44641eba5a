package dev.forge.primitives.gpu;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Diagnostic, run by hand on a GPU machine (under compute-sanitizer): the four compactions of GpuSelectTest's
 * failing case (INT64 x 2^24, 50% kept), one call and one synchronisation at a time, printing which one faults.
 */
public final class SelectFaultProbe {
    private SelectFaultProbe() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 24;
        ElementType type = ElementType.valueOf(args.length > 1 ? args[1] : "INT64");
        CudaDevice device = Cuda.defaultDevice();
        GpuSelect select = new GpuSelect(device);
        long bytes = (long) size * type.byteSize();
        long bitMaskBytes = (size + 7) / 8;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(bytes); DeviceBuffer byteMask = device.allocate(size);
                DeviceBuffer bitMask = device.allocate(bitMaskBytes); DeviceBuffer output = device.allocate(bytes);
                DeviceBuffer count = device.allocate(8)) {
            SplittableRandom random = new SplittableRandom(7);
            MemorySegment bytesMask = arena.allocate(size);
            MemorySegment bitsMask = arena.allocate(bitMaskBytes);
            for (int i = 0; i < size; i++) {
                boolean keep = random.nextBoolean();
                bytesMask.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (keep ? 1 : 0));
                if (keep) {
                    bitsMask.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i / 8,
                            (byte) (bitsMask.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i / 8) | (1 << (i % 8))));
                }
            }
            byteMask.copyFrom(bytesMask);
            bitMask.copyFrom(bitsMask);
            input.fill((byte) 3);
            String[] names = {"select by byte mask", "select by bit mask", "partition by byte mask", "partition by bit mask"};
            for (int call = 0; call < 4; call++) {
                System.out.println("running " + names[call] + " over " + size + " " + type);
                switch (call) {
                    case 0 -> select.selectByByteMask(input, type, byteMask, output, count, pool, stream);
                    case 1 -> select.selectByBitMask(input, type, bitMask, output, count, pool, stream);
                    case 2 -> select.partitionByByteMask(input, type, byteMask, output, count, pool, stream);
                    default -> select.partitionByBitMask(input, type, bitMask, output, count, pool, stream);
                }
                stream.synchronize();
                System.out.println("  ok");
            }
        }
    }
}
