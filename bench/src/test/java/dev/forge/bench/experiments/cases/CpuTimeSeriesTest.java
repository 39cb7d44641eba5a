package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The one-pass parallel windows against the definitions, row by row, across chunk boundaries. */
class CpuTimeSeriesTest {
    private static final int WINDOW = 20;

    @Test
    void windowsAndVwapMatchTheirDefinitionsBitForBit() {
        CpuTimeSeries series = new CpuTimeSeries(CpuWorkers.allCores());
        for (long rows : new long[] {1, 19, 20, 21, (1 << 16) + 37, 3 * (1 << 16) + 5}) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment price = arena.allocate(8 * rows, 64);
                MemorySegment volume = arena.allocate(8 * rows, 64);
                SeededData.fillInt64(CpuWorkers.allCores(), price, i -> SeededData.between(5, i, 9_000, 11_000));
                SeededData.fillInt64(CpuWorkers.allCores(), volume, i -> SeededData.between(6, i, 1, 1001));
                MemorySegment mean = arena.allocate(8 * rows, 64);
                MemorySegment vwap = arena.allocate(8 * rows, 64);
                MemorySegment middle = arena.allocate(8 * rows, 64);
                MemorySegment upper = arena.allocate(8 * rows, 64);
                MemorySegment lower = arena.allocate(8 * rows, 64);
                series.movingAverage(price, WINDOW, mean);
                series.vwap(price, volume, vwap);
                series.bollinger(price, WINDOW, middle, upper, lower);
                long products = 0;
                long volumes = 0;
                for (long i = 0; i < rows; i++) {
                    long sum = 0;
                    long squares = 0;
                    long count = Math.min(i + 1, WINDOW);
                    for (long j = i - count + 1; j <= i; j++) {
                        long p = price.getAtIndex(ValueLayout.JAVA_LONG, j);
                        sum += p;
                        squares += p * p;
                    }
                    double expectedMean = (double) sum / (double) count;
                    double deviation = Math.sqrt((double) (count * squares - sum * sum)) / (double) count;
                    products += price.getAtIndex(ValueLayout.JAVA_LONG, i) * volume.getAtIndex(ValueLayout.JAVA_LONG, i);
                    volumes += volume.getAtIndex(ValueLayout.JAVA_LONG, i);
                    String where = "row " + i + " of " + rows;
                    assertThat(mean.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).as(where).isEqualTo(expectedMean);
                    assertThat(middle.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).as(where).isEqualTo(expectedMean);
                    assertThat(upper.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).as(where)
                            .isEqualTo(expectedMean + 2 * deviation);
                    assertThat(lower.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).as(where)
                            .isEqualTo(expectedMean - 2 * deviation);
                    assertThat(vwap.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).as(where)
                            .isEqualTo((double) products / (double) volumes);
                }
            }
        }
    }
}
