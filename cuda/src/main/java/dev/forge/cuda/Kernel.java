package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A {@code __global__} function of a loaded {@link Module}. */
public final class Kernel {
    private static final int ATTRIBUTE_MAX_THREADS_PER_BLOCK = 0;
    private static final int ATTRIBUTE_SHARED_SIZE_BYTES = 1;
    private static final int ATTRIBUTE_LOCAL_SIZE_BYTES = 3;
    private static final int ATTRIBUTE_NUM_REGS = 4;
    private static final int ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8;

    private final Module module;
    private final String name;
    private final long handle;

    Kernel(Module module, String name, long handle) {
        this.module = module;
        this.name = name;
        this.handle = handle;
    }

    public String name() {
        return name;
    }

    public Module module() {
        return module;
    }

    CudaDevice device() {
        return module.device();
    }

    long handle() {
        module.handle(); // fails when the module is closed or was lost in a reset
        return handle;
    }

    /** A launch of this kernel; set the grid, block and arguments, then {@link KernelLaunch#launch()}. */
    public KernelLaunch launcher() {
        return new KernelLaunch(this);
    }

    public int registersPerThread() {
        return attribute(ATTRIBUTE_NUM_REGS);
    }

    public int maxThreadsPerBlock() {
        return attribute(ATTRIBUTE_MAX_THREADS_PER_BLOCK);
    }

    public int staticSharedMemoryBytes() {
        return attribute(ATTRIBUTE_SHARED_SIZE_BYTES);
    }

    /** Local memory per thread: non-zero means spills or arrays indexed at run time. */
    public int localMemoryBytes() {
        return attribute(ATTRIBUTE_LOCAL_SIZE_BYTES);
    }

    /** Allows launches with up to {@code bytes} of dynamic shared memory (above 48 KiB this is required). */
    public Kernel allowDynamicSharedMemory(int bytes) {
        device().bind();
        device().check(Driver.cuFuncSetAttribute(handle(), ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes),
                "cuFuncSetAttribute(max dynamic shared memory = " + bytes + ") for " + name);
        return this;
    }

    /** How many blocks of this size fit on one multiprocessor at once. */
    public int maxActiveBlocksPerMultiprocessor(int blockSize, long dynamicSharedMemoryBytes) {
        device().bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment blocks = arena.allocate(ValueLayout.JAVA_INT);
            device().check(Driver.cuOccupancyMaxActiveBlocksPerMultiprocessor(blocks, handle(), blockSize,
                    dynamicSharedMemoryBytes), "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + name + ")");
            return blocks.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** The block size that maximises occupancy: {@code [blockSize, minimumGridSizeForFullOccupancy]}. */
    public int[] suggestedBlockSize(long dynamicSharedMemoryBytes) {
        device().bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment gridSize = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment blockSize = arena.allocate(ValueLayout.JAVA_INT);
            device().check(Driver.cuOccupancyMaxPotentialBlockSize(gridSize, blockSize, handle(), MemorySegment.NULL,
                    dynamicSharedMemoryBytes, 0), "cuOccupancyMaxPotentialBlockSize(" + name + ")");
            return new int[] {blockSize.get(ValueLayout.JAVA_INT, 0), gridSize.get(ValueLayout.JAVA_INT, 0)};
        }
    }

    private int attribute(int attribute) {
        device().bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            device().check(Driver.cuFuncGetAttribute(value, attribute, handle()), "cuFuncGetAttribute(" + name + ")");
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    @Override
    public String toString() {
        return "kernel " + name + " in " + module.name();
    }
}
