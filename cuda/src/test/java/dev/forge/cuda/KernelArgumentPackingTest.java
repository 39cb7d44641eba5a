package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * How a launch lays out its arguments, checked on the host (no GPU): arguments beyond the first buffer's 256 bytes
 * must land in the grown buffer. The first GPU run of the group-by (a 928-byte struct) failed because the copy went
 * to the old buffer, and scalar arguments after a growth would have been lost silently.
 */
class KernelArgumentPackingTest {

    @Test
    void argumentsBeyondTheFirstBufferKeepTheirValues() {
        KernelLaunch launch = new Kernel(null, "packing", 0).launcher();
        for (int i = 0; i < 40; i++) {
            launch.arg(1_000L * i + 7);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = arena.allocate(928, 8);
            for (int i = 0; i < 928 / 8; i++) {
                struct.setAtIndex(ValueLayout.JAVA_LONG, i, -i - 1L);
            }
            launch.argStruct(struct, 8).arg(42).arg(2.5);
            for (int i = 0; i < 40; i++) {
                assertThat(launch.argumentBytes(i, 8).get(ValueLayout.JAVA_LONG, 0)).isEqualTo(1_000L * i + 7);
            }
            assertThat(launch.argumentBytes(40, 928).mismatch(struct)).isEqualTo(-1);
            assertThat(launch.argumentBytes(41, 4).get(ValueLayout.JAVA_INT, 0)).isEqualTo(42);
            assertThat(launch.argumentBytes(42, 8).get(ValueLayout.JAVA_DOUBLE, 0)).isEqualTo(2.5);
        }
    }
}
