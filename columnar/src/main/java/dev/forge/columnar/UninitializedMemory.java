package dev.forge.columnar;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Native memory from the C library's allocator, not zero-filled, freed when its arena closes. An arena's own
 * allocation writes zeros over every byte first, which for a buffer about to be overwritten (the target of a copy from
 * the GPU, a result column filled value by value) is a second pass over memory that is not in the cache yet. In a JFR
 * profile of TPC-H SF 10 on the H100 machine, zero-filling new buffers took half of the samples inside reading grouped
 * results back.
 */
final class UninitializedMemory {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle POSIX_MEMALIGN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("posix_memalign").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private UninitializedMemory() {
    }

    /** {@code bytes} (> 0) aligned to {@code alignment}, owned by {@code arena}; throws OutOfMemoryError naming it. */
    static MemorySegment allocate(Arena arena, long bytes, long alignment, String purpose) {
        MemorySegment address;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment pointer = scratch.allocate(ValueLayout.ADDRESS);
            int result = (int) POSIX_MEMALIGN.invokeExact(pointer, alignment, bytes);
            if (result != 0) {
                throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of host memory for " + purpose
                        + " (posix_memalign returned " + result + ")");
            }
            address = pointer.get(ValueLayout.ADDRESS, 0);
        } catch (OutOfMemoryError | RuntimeException failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException("posix_memalign failed for " + purpose, unexpected);
        }
        return address.reinterpret(bytes, arena, UninitializedMemory::free);
    }

    private static void free(MemorySegment address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("free failed", unexpected);
        }
    }
}
