package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Join hash tables are powers of two with at least twice as many slots as build rows, so probes always end. */
class JoinCapacityTest {
    @Test
    void capacityIsAPowerOfTwoOfAtLeastTwiceTheRows() {
        for (long rows : new long[] {0, 1, 2, 3, 31, 32, 33, 1023, 1024, 1025, 6_000_001, 1L << 33}) {
            long capacity = PipelineRunner.joinCapacity(rows);
            assertThat(Long.bitCount(capacity)).as(rows + " rows").isEqualTo(1);
            assertThat(capacity).as(rows + " rows").isGreaterThanOrEqualTo(Math.max(64, 2 * rows))
                    .isLessThanOrEqualTo(Math.max(64, 4 * rows));
        }
    }
}
