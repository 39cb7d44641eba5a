package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sort, histogram and select inputs must be the ones cub_experiments.cu times, or {@code CubPeers} leaves CUB's
 * times out: their checksums at 1,000 elements must be what the harness printed with
 * {@code --checksums-only sort_keys:u32:1000 ... partition_flagged:50:1000} (nvcc 13.0, this commit).
 */
class CubInputsTest {
    private static final int COUNT = 1000;
    /** What {@code cub_experiments --checksums-only} printed for each request (CubHarnessBuildTest runs it again). */
    static final Map<String, Long> HARNESS = Map.of(
            "sort_keys:u32:1000", 2159203380669L,
            "sort_pairs:u32:1000", 2159203380669L,
            "sort_keys:u64:1000", 6364503505525075389L,
            "histogram_even:256:1000", 524764993L,
            "histogram_even:4096:1000", 524764993L,
            "histogram_even:f32_256:1000", 1052450036609L,
            "histogram_even:f32_4096:1000", 1052450036609L,
            "select_flagged:50:1000", 2219101682720L,
            "partition_flagged:50:1000", 2219101682720L);

    @Test
    void sortKeysAreTheHarnesss() {
        assertThat(checksum(keys -> SortBenchmark.fillKeys(workers(), keys, ElementType.UINT32), 4))
                .isEqualTo(HARNESS.get("sort_keys:u32:1000"));
        assertThat(checksum(keys -> SortBenchmark.fillKeys(workers(), keys, ElementType.UINT64), 8))
                .isEqualTo(HARNESS.get("sort_keys:u64:1000"));
    }

    @Test
    void histogramValuesAreTheHarnesss() {
        assertThat(checksum(values -> HistogramBenchmark.fillValues(workers(), values, ElementType.INT32), 4))
                .isEqualTo(HARNESS.get("histogram_even:256:1000"));
        assertThat(checksum(values -> HistogramBenchmark.fillValues(workers(), values, ElementType.FLOAT32), 4))
                .isEqualTo(HARNESS.get("histogram_even:f32_256:1000"));
    }

    @Test
    void selectValuesAndFlagsAreTheHarnesss() {
        try (CpuWorkers workers = workers(); Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(4L * COUNT);
            MemorySegment flags = arena.allocate(COUNT);
            SelectBenchmark.fill(workers, values, flags);
            assertThat(SeededData.checksum(workers, values, 4) + SeededData.checksum(workers, flags, 1))
                    .isEqualTo(HARNESS.get("select_flagged:50:1000"));
        }
    }

    private static CpuWorkers workers() {
        return CpuWorkers.withThreads(2);
    }

    private static long checksum(java.util.function.Consumer<MemorySegment> fill, int elementBytes) {
        try (CpuWorkers workers = workers(); Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate((long) elementBytes * COUNT);
            fill.accept(values);
            return SeededData.checksum(workers, values, elementBytes);
        }
    }
}
