package dev.forge.bench.experiments.cases;

import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moving average, VWAP and Bollinger bands on the CPU, the twin of {@link GpuTimeSeries}: each chunk of 64K rows is
 * one task on all cores and slides its window in one pass (the window sums are exact int64 sums, so they equal the
 * GPU's prefix differences); VWAP adds each chunk's running sums to the totals of the chunks before it (a second
 * pass). The floating steps are the GPU kernel's IEEE operations in the same order, so results agree bit for bit.
 */
final class CpuTimeSeries {
    private static final int CHUNK = 1 << 16;

    private final CpuWorkers workers;

    CpuTimeSeries(CpuWorkers workers) {
        this.workers = workers;
    }

    void movingAverage(MemorySegment price, int window, MemorySegment mean) {
        long count = price.byteSize() / 8;
        workers.forEach(chunks(count), chunk -> {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long sum = sumBefore(price, from, window);
            for (long i = from; i < to; i++) {
                sum += at(price, i) - leaving(price, i, from, window);
                mean.setAtIndex(ValueLayout.JAVA_DOUBLE, i, (double) sum / (double) Math.min(i + 1, window));
            }
        });
    }

    void vwap(MemorySegment price, MemorySegment volume, MemorySegment vwap) {
        long count = price.byteSize() / 8;
        int chunks = chunks(count);
        long[] productTotals = new long[chunks];
        long[] volumeTotals = new long[chunks];
        workers.forEach(chunks, chunk -> {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long products = 0;
            long volumes = 0;
            for (long i = from; i < to; i++) {
                products += at(price, i) * at(volume, i);
                volumes += at(volume, i);
            }
            productTotals[chunk] = products;
            volumeTotals[chunk] = volumes;
        });
        long productsBefore = 0;
        long volumesBefore = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            long products = productTotals[chunk];
            long volumes = volumeTotals[chunk];
            productTotals[chunk] = productsBefore;
            volumeTotals[chunk] = volumesBefore;
            productsBefore += products;
            volumesBefore += volumes;
        }
        workers.forEach(chunks, chunk -> {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long products = productTotals[chunk];
            long volumes = volumeTotals[chunk];
            for (long i = from; i < to; i++) {
                products += at(price, i) * at(volume, i);
                volumes += at(volume, i);
                vwap.setAtIndex(ValueLayout.JAVA_DOUBLE, i, (double) products / (double) volumes);
            }
        });
    }

    void bollinger(MemorySegment price, int window, MemorySegment middle, MemorySegment upper, MemorySegment lower) {
        long count = price.byteSize() / 8;
        workers.forEach(chunks(count), chunk -> {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long sum = sumBefore(price, from, window);
            long squares = 0;
            for (long i = Math.max(0, from - window + 1); i < from; i++) {
                squares += at(price, i) * at(price, i);
            }
            for (long i = from; i < to; i++) {
                long entering = at(price, i);
                long left = leaving(price, i, from, window);
                sum += entering - left;
                squares += entering * entering - left * left;
                long rows = Math.min(i + 1, window);
                double mean = (double) sum / (double) rows;
                double deviation = Math.sqrt((double) (rows * squares - sum * sum)) / (double) rows;
                double spread = 2.0 * deviation;
                middle.setAtIndex(ValueLayout.JAVA_DOUBLE, i, mean);
                upper.setAtIndex(ValueLayout.JAVA_DOUBLE, i, mean + spread);
                lower.setAtIndex(ValueLayout.JAVA_DOUBLE, i, mean - spread);
            }
        });
    }

    /** The sum of the window - 1 values before {@code from}: the window ending at {@code from}, less its last row. */
    private static long sumBefore(MemorySegment values, long from, int window) {
        long sum = 0;
        for (long i = Math.max(0, from - window + 1); i < from; i++) {
            sum += at(values, i);
        }
        return sum;
    }

    /** The value that leaves the window when row {@code i} enters it (none at a chunk's first row, or near the start). */
    private static long leaving(MemorySegment values, long i, long chunkStart, int window) {
        return i > chunkStart && i >= window ? at(values, i - window) : 0;
    }

    private static long at(MemorySegment values, long i) {
        return values.getAtIndex(ValueLayout.JAVA_LONG, i);
    }

    private static int chunks(long count) {
        return Math.toIntExact((count + CHUNK - 1) / CHUNK);
    }
}
