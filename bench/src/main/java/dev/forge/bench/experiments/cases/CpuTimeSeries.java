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
            ChunkWindow values = ChunkWindow.read(price, chunk, count, window);
            double[] means = new double[values.rows()];
            long sum = values.sumOfLeadIn();
            for (int k = values.lead(); k < values.prices().length; k++) {
                sum += values.prices()[k] - values.leaving(k, window);
                means[k - values.lead()] = (double) sum / (double) Math.min(values.rowAt(k) + 1, window);
            }
            MemorySegment.copy(means, 0, mean, ValueLayout.JAVA_DOUBLE, 8 * values.from(), means.length);
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
            ChunkWindow values = ChunkWindow.read(price, chunk, count, window);
            long[] prices = values.prices();
            double[] middles = new double[values.rows()];
            double[] uppers = new double[values.rows()];
            double[] lowers = new double[values.rows()];
            long sum = values.sumOfLeadIn();
            long squares = 0;
            for (int k = 0; k < values.lead(); k++) {
                squares += prices[k] * prices[k];
            }
            for (int k = values.lead(); k < prices.length; k++) {
                long entering = prices[k];
                long left = values.leaving(k, window);
                sum += entering - left;
                squares += entering * entering - left * left;
                long rows = Math.min(values.rowAt(k) + 1, window);
                double mean = (double) sum / (double) rows;
                double deviation = Math.sqrt((double) (rows * squares - sum * sum)) / (double) rows;
                double spread = 2.0 * deviation;
                int out = k - values.lead();
                middles[out] = mean;
                uppers[out] = mean + spread;
                lowers[out] = mean - spread;
            }
            long offset = 8 * values.from();
            MemorySegment.copy(middles, 0, middle, ValueLayout.JAVA_DOUBLE, offset, middles.length);
            MemorySegment.copy(uppers, 0, upper, ValueLayout.JAVA_DOUBLE, offset, uppers.length);
            MemorySegment.copy(lowers, 0, lower, ValueLayout.JAVA_DOUBLE, offset, lowers.length);
        });
    }

    /**
     * One chunk's prices in a heap array, led by the up to window - 1 prices before the chunk that its first windows
     * reach back to. The windows slide over arrays rather than over the segment: the segment's per-access checks kept
     * the JIT from hoisting them in these loops, which made the 10M moving average 20x slower than VWAP's.
     */
    private record ChunkWindow(long[] prices, int lead, long from) {
        static ChunkWindow read(MemorySegment values, int chunk, long count, int window) {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long start = Math.max(0, from - window + 1);
            long[] prices = new long[(int) (to - start)];
            MemorySegment.copy(values, ValueLayout.JAVA_LONG, 8 * start, prices, 0, prices.length);
            return new ChunkWindow(prices, (int) (from - start), from);
        }

        int rows() {
            return prices.length - lead;
        }

        /** The row number of array index {@code k}. */
        long rowAt(int k) {
            return from - lead + k;
        }

        /** The sum of the lead-in: the window ending at the chunk's first row, less that row. */
        long sumOfLeadIn() {
            long sum = 0;
            for (int k = 0; k < lead; k++) {
                sum += prices[k];
            }
            return sum;
        }

        /** The price leaving the window as index {@code k} enters it (none at the chunk's first row or near the start). */
        long leaving(int k, int window) {
            return k > lead && rowAt(k) >= window ? prices[k - window] : 0;
        }
    }

    private static long at(MemorySegment values, long i) {
        return values.getAtIndex(ValueLayout.JAVA_LONG, i);
    }

    private static int chunks(long count) {
        return Math.toIntExact((count + CHUNK - 1) / CHUNK);
    }
}
