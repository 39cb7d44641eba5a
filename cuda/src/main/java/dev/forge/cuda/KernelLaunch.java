package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds one launch of a {@link Kernel}: the grid, the block, dynamic shared memory, the stream, and the
 * arguments in the order of the kernel's parameters, each written with the C type it has there.
 *
 * <pre>{@code
 * kernel.launcher().grid(blocks).block(256).stream(stream)
 *       .arg(input).arg(output).arg(count)
 *       .launch();
 * }</pre>
 *
 * <p>Arguments are copied by the driver at launch, so a launcher may be changed and launched again.
 */
public final class KernelLaunch {
    private final Kernel kernel;
    private final int[] grid = {1, 1, 1};
    private final int[] block = {1, 1, 1};
    private int sharedMemoryBytes;
    private Stream stream;
    private boolean cooperative;

    // Argument values and the array of pointers to them that the driver reads; both are reused across launches so
    // that a launch allocates nothing.
    private MemorySegment values = Arena.ofAuto().allocate(256, 16);
    private MemorySegment pointers = Arena.ofAuto().allocate(8L * 16, 8);
    private long used;
    private long[] offsets = new long[16];
    private int count;

    KernelLaunch(Kernel kernel) {
        this.kernel = kernel;
    }

    public KernelLaunch grid(int x) {
        return grid(x, 1, 1);
    }

    public KernelLaunch grid(int x, int y, int z) {
        grid[0] = x;
        grid[1] = y;
        grid[2] = z;
        return this;
    }

    public KernelLaunch block(int x) {
        return block(x, 1, 1);
    }

    public KernelLaunch block(int x, int y, int z) {
        block[0] = x;
        block[1] = y;
        block[2] = z;
        return this;
    }

    public KernelLaunch sharedMemory(int bytes) {
        this.sharedMemoryBytes = bytes;
        return this;
    }

    public KernelLaunch stream(Stream stream) {
        this.stream = stream;
        return this;
    }

    /** Launches cooperatively: all blocks are resident at once, so grid-wide synchronisation is allowed. */
    public KernelLaunch cooperative(boolean cooperative) {
        this.cooperative = cooperative;
        return this;
    }

    /** A {@code char}, {@code signed char} or {@code unsigned char} parameter. */
    public KernelLaunch arg(byte value) {
        long at = slot(1, 1);
        values.set(ValueLayout.JAVA_BYTE, at, value);
        return this;
    }

    /** A {@code bool} parameter (one byte in CUDA C++). */
    public KernelLaunch arg(boolean value) {
        return arg(value ? (byte) 1 : (byte) 0);
    }

    public KernelLaunch arg(short value) {
        long at = slot(2, 2);
        values.set(ValueLayout.JAVA_SHORT, at, value);
        return this;
    }

    public KernelLaunch arg(int value) {
        long at = slot(4, 4);
        values.set(ValueLayout.JAVA_INT, at, value);
        return this;
    }

    /** A {@code long long} or 64-bit size parameter. */
    public KernelLaunch arg(long value) {
        long at = slot(8, 8);
        values.set(ValueLayout.JAVA_LONG, at, value);
        return this;
    }

    public KernelLaunch arg(float value) {
        long at = slot(4, 4);
        values.set(ValueLayout.JAVA_FLOAT, at, value);
        return this;
    }

    public KernelLaunch arg(double value) {
        long at = slot(8, 8);
        values.set(ValueLayout.JAVA_DOUBLE, at, value);
        return this;
    }

    /** A pointer parameter ({@code T*}) to device memory. */
    public KernelLaunch arg(DeviceMemory memory) {
        long at = slot(8, 8);
        values.set(ValueLayout.JAVA_LONG, at, memory.address());
        return this;
    }

    /** A struct passed by value: its bytes as laid out in C, and the struct's alignment. */
    public KernelLaunch argStruct(MemorySegment bytes, int alignment) {
        if (Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        long at = slot(bytes.byteSize(), alignment);
        MemorySegment.copy(bytes, 0, values, at, bytes.byteSize());
        return this;
    }

    /** The bytes of argument {@code index} as the driver will read them (for tests of the argument packing). */
    MemorySegment argumentBytes(int index, long size) {
        return values.asSlice(offsets[Objects.checkIndex(index, count)], size);
    }

    /** Forgets the arguments set so far, keeping grid, block and stream. */
    public KernelLaunch clearArguments() {
        used = 0;
        count = 0;
        return this;
    }

    /**
     * Reserves room for one argument and returns its offset. It may replace {@link #values} with a larger segment, so
     * callers take the offset first and only then read {@code values} (Java evaluates a call's operands left to right:
     * {@code values.set(layout, slot(...), v)} would write into the old, smaller segment).
     */
    private long slot(long size, long alignment) {
        long offset = (used + alignment - 1) & -alignment;
        if (offset + size > values.byteSize()) {
            MemorySegment larger = Arena.ofAuto().allocate(Math.max(values.byteSize() * 2, offset + size), 16);
            MemorySegment.copy(values, 0, larger, 0, used);
            values = larger;
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
        used = offset + size;
        return offset;
    }

    /** Queues the kernel on the stream; returns at once. Launch errors are thrown here, faults at a later sync. */
    public void launch() {
        if (stream == null) {
            throw new IllegalStateException("no stream set for " + kernel + ": call stream(...) before launch()");
        }
        for (int i = 0; i < 3; i++) {
            if (grid[i] <= 0 || block[i] <= 0) {
                throw new IllegalArgumentException(kernel + ": grid " + Arrays.toString(grid) + " and block "
                        + Arrays.toString(block) + " must be positive in every dimension");
            }
        }
        CudaDevice device = kernel.device();
        device.bind();
        if (pointers.byteSize() < 8L * count) {
            pointers = Arena.ofAuto().allocate(8L * offsets.length, 8);
        }
        long base = values.address();
        for (int i = 0; i < count; i++) {
            pointers.setAtIndex(ValueLayout.JAVA_LONG, i, base + offsets[i]);
        }
        int result = cooperative
                ? Driver.cuLaunchCooperativeKernel(kernel.handle(), grid[0], grid[1], grid[2], block[0], block[1],
                        block[2], sharedMemoryBytes, stream.handle(), pointers)
                : Driver.cuLaunchKernel(kernel.handle(), grid[0], grid[1], grid[2], block[0], block[1], block[2],
                        sharedMemoryBytes, stream.handle(), pointers, MemorySegment.NULL);
        if (result != CudaErrors.SUCCESS) {
            device.check(result, (cooperative ? "cuLaunchCooperativeKernel(" : "cuLaunchKernel(") + kernel.name()
                    + ", grid " + Arrays.toString(grid) + ", block " + Arrays.toString(block) + ", "
                    + sharedMemoryBytes + " bytes shared)");
        }
    }
}
