package dev.forge.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Small buffers (freed by the garbage collector) and large ones (freed at close) behave alike to their users. */
class HostBufferTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 8, 1000, HostBuffer.COLLECTED_BYTES, HostBuffer.COLLECTED_BYTES + 1, 1 << 20})
    void aBufferIsZeroedAlignedSharedBetweenThreadsAndUnusableOnceClosed(long bytes) throws Exception {
        HostBuffer buffer = HostBuffer.allocate(bytes, "a test");
        MemorySegment segment = buffer.segment();
        assertThat(segment.byteSize()).isEqualTo(bytes);
        assertThat(segment.address() % HostBuffer.ALIGNMENT).isZero();
        for (long i = 0; i < bytes; i++) {
            assertThat(segment.get(ValueLayout.JAVA_BYTE, i)).isZero();
        }
        if (bytes >= 8) { // written on another thread, read on this one
            long last = (bytes - 8) & ~7L;
            CompletableFuture.runAsync(() -> segment.set(ValueLayout.JAVA_LONG, last, 42L)).get();
            assertThat(segment.get(ValueLayout.JAVA_LONG, last)).isEqualTo(42L);
        }
        buffer.close();
        buffer.close(); // closing twice is harmless
        assertThatThrownBy(buffer::segment).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already closed");
        if (bytes > HostBuffer.COLLECTED_BYTES) { // a large buffer's memory is gone at once
            assertThatThrownBy(() -> segment.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 8, HostBuffer.COLLECTED_BYTES + 1, 3 << 20})
    void aBufferForOverwriteIsAlignedWritableSharedAndFreedAtClose(long bytes) throws Exception {
        HostBuffer buffer = HostBuffer.allocateForOverwrite(bytes, "a test");
        MemorySegment segment = buffer.segment();
        assertThat(segment.byteSize()).isEqualTo(bytes);
        assertThat(segment.address() % HostBuffer.ALIGNMENT).isZero();
        long words = bytes / 8;
        CompletableFuture.runAsync(() -> { // filled on another thread, read on this one
            for (long i = 0; i < words; i++) {
                segment.setAtIndex(ValueLayout.JAVA_LONG, i, i * 31 + 7);
            }
        }).get();
        for (long i = 0; i < words; i++) {
            assertThat(segment.getAtIndex(ValueLayout.JAVA_LONG, i)).isEqualTo(i * 31 + 7);
        }
        buffer.close();
        assertThatThrownBy(buffer::segment).isInstanceOf(IllegalStateException.class);
        if (bytes > HostBuffer.COLLECTED_BYTES) {
            assertThatThrownBy(() -> segment.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anAllocationTheSystemCannotMakeNamesItsPurpose() {
        assertThatThrownBy(() -> HostBuffer.allocateForOverwrite(1L << 62, "an impossible column"))
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("an impossible column");
    }
}
