package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;

/**
 * Inclusive and exclusive prefix sums over int32, int64, float32 and float64 elements, in two parallel passes: morsel
 * totals, then each morsel scanned from the sum of the morsels before it.
 *
 * <p>Integer sums wrap in two's complement like the GPU's integer adds. Floating prefix sums accumulate in double
 * precision (float32 outputs are rounded once per element) in a fixed order, so they do not depend on the thread
 * count; NaN sums are written as the canonical NaN, because which payload survives an add is up to the JIT. The
 * output may be the input segment (an in-place scan).
 */
public final class CpuScan {

    private final CpuWorkers workers;

    public CpuScan(CpuWorkers workers) {
        this.workers = workers;
    }

    public void inclusiveSum(MemorySegment input, MemorySegment output, ElementType type) {
        scan(input, output, type, true);
    }

    public void exclusiveSum(MemorySegment input, MemorySegment output, ElementType type) {
        scan(input, output, type, false);
    }

    private void scan(MemorySegment input, MemorySegment output, ElementType type, boolean inclusive) {
        long n = Segments.count(input, type, "input");
        Segments.requireCapacity(output, n, type.byteSize(), "output");
        Morsels morsels = Morsels.of(n);
        switch (type) {
            case INT32, UINT32 -> {
                long[] totals = new long[morsels.count()];
                workers.forEach(morsels.count(), m -> {
                    int total = 0;
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        total += input.getAtIndex(INT, i);
                    }
                    totals[m] = total;
                });
                long[] offsets = exclusivePrefix(totals);
                workers.forEach(morsels.count(), m -> {
                    int running = (int) offsets[m];
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        int value = input.getAtIndex(INT, i);
                        output.setAtIndex(INT, i, inclusive ? running + value : running);
                        running += value;
                    }
                });
            }
            case INT64, UINT64 -> {
                long[] totals = new long[morsels.count()];
                workers.forEach(morsels.count(), m -> {
                    long total = 0;
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        total += input.getAtIndex(LONG, i);
                    }
                    totals[m] = total;
                });
                long[] offsets = exclusivePrefix(totals);
                workers.forEach(morsels.count(), m -> {
                    long running = offsets[m];
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        long value = input.getAtIndex(LONG, i);
                        output.setAtIndex(LONG, i, inclusive ? running + value : running);
                        running += value;
                    }
                });
            }
            case FLOAT32 -> {
                double[] totals = new double[morsels.count()];
                workers.forEach(morsels.count(), m -> {
                    double total = 0;
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        total += input.getAtIndex(FLOAT, i);
                    }
                    totals[m] = total;
                });
                double[] offsets = exclusivePrefix(totals);
                workers.forEach(morsels.count(), m -> {
                    double running = offsets[m];
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        double value = input.getAtIndex(FLOAT, i);
                        float sum = (float) (inclusive ? running + value : running);
                        output.setAtIndex(FLOAT, i, sum != sum ? Float.NaN : sum);
                        running += value;
                    }
                });
            }
            case FLOAT64 -> {
                double[] totals = new double[morsels.count()];
                workers.forEach(morsels.count(), m -> {
                    double total = 0;
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        total += input.getAtIndex(DOUBLE, i);
                    }
                    totals[m] = total;
                });
                double[] offsets = exclusivePrefix(totals);
                workers.forEach(morsels.count(), m -> {
                    double running = offsets[m];
                    for (long i = morsels.start(m); i < morsels.end(m); i++) {
                        double value = input.getAtIndex(DOUBLE, i);
                        double sum = inclusive ? running + value : running;
                        output.setAtIndex(DOUBLE, i, sum != sum ? Double.NaN : sum);
                        running += value;
                    }
                });
            }
        }
    }

    static long[] exclusivePrefix(long[] totals) {
        long[] offsets = new long[totals.length];
        long running = 0;
        for (int m = 0; m < totals.length; m++) {
            offsets[m] = running;
            running += totals[m];
        }
        return offsets;
    }

    private static double[] exclusivePrefix(double[] totals) {
        double[] offsets = new double[totals.length];
        double running = 0;
        for (int m = 0; m < totals.length; m++) {
            offsets[m] = running;
            running += totals[m];
        }
        return offsets;
    }
}
