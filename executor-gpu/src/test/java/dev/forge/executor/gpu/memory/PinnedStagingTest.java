package dev.forge.executor.gpu.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.LeakTracker;
import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The staging buffer is kept while requests fit, grows when one does not, refuses more than its cap, and copies. */
@RequiresGpu
class PinnedStagingTest {

    @Test
    void keepsOneBufferGrowsOnDemandAndRefusesMoreThanItsCap() {
        CudaDevice device = Cuda.defaultDevice();
        long mark = LeakTracker.mark();
        try (PinnedStaging staging = new PinnedStaging(device); DeviceBuffer words = device.allocate(3L << 20)) {
            assertThat(staging.heldBytes()).isZero();
            MemorySegment small = staging.segment(1000);
            // held on purpose: a query that grows it has not leaked it
            assertThat(LeakTracker.liveSince(mark)).noneMatch(resource -> resource.kind().equals("pinned host memory"));
            assertThat(small.byteSize()).isEqualTo(1000);
            assertThat(staging.heldBytes()).isEqualTo(1L << 20); // at least 1 MiB, so small requests share one
            assertThat(staging.segment(1L << 20).address()).isEqualTo(small.address());

            MemorySegment grown = staging.segment((3L << 20) - 8);
            assertThat(staging.heldBytes()).isEqualTo(4L << 20); // the next power of two
            long count = (3L << 20) / 8 - 1;
            for (long i = 0; i < count; i++) {
                grown.setAtIndex(ValueLayout.JAVA_LONG, i, i * 7919 - 13);
            }
            words.slice(0, grown.byteSize()).copyFrom(grown);
            MemorySegment back = staging.segment(grown.byteSize());
            back.fill((byte) 0x5a); // poisoned: the copy back must write every word
            words.slice(0, back.byteSize()).copyTo(back);
            for (long i = 0; i < count; i++) {
                assertThat(back.getAtIndex(ValueLayout.JAVA_LONG, i)).isEqualTo(i * 7919 - 13);
            }

            assertThat(staging.segment(PinnedStaging.MAX_BYTES + 1)).isNull();
            assertThat(staging.segment(0)).isNull();
            assertThat(staging.heldBytes()).isEqualTo(4L << 20);
        }
        // closed: its buffer is gone, cached or not
        assertThat(LeakTracker.live()).noneMatch(resource -> resource.id() > mark
                && resource.kind().equals("pinned host memory"));
    }
}
