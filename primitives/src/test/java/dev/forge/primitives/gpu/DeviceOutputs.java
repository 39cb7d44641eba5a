package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.DeviceBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Output checks for GPU tests whose outputs start poisoned: the written part as expected, the rest untouched. */
final class DeviceOutputs {
    static final byte POISON = (byte) 0xA5;
    /** Poisoned bytes every output buffer has past what the primitive may write. */
    static final int GUARD_BYTES = 64;

    private DeviceOutputs() {
    }

    /**
     * Copies {@code output} back and checks that its first bytes equal {@code expected} and every later byte is still
     * poison.
     */
    static void assertWrittenThenPoison(Arena arena, DeviceBuffer output, MemorySegment expected, String what) {
        MemorySegment actual = arena.allocate(output.byteSize(), 16);
        output.copyTo(actual);
        long mismatch = expected.mismatch(actual.asSlice(0, expected.byteSize()));
        assertThat(mismatch).as(what + ": first differing byte of " + expected.byteSize()).isEqualTo(-1L);
        MemorySegment after = actual.asSlice(expected.byteSize());
        MemorySegment poison = arena.allocate(Math.max(1, after.byteSize())).fill(POISON).asSlice(0, after.byteSize());
        assertThat(after.mismatch(poison)).as(what + ": first changed byte after the " + expected.byteSize()
                + " written").isEqualTo(-1L);
    }

    static long readLong(DeviceBuffer buffer) {
        long[] word = new long[1];
        buffer.slice(0, 8).copyTo(MemorySegment.ofArray(word));
        return word[0];
    }
}
