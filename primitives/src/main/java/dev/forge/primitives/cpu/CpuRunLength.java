package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;

/**
 * Unique (removes consecutive duplicates, like {@code std::unique}) and run-length encoding (one value and one int64
 * length per run of equal consecutive elements).
 *
 * <p>Elements are equal when their bits are equal: -0.0 and +0.0 are different values, and a NaN repeats only with
 * the same payload, which matches the {@link dev.forge.primitives.TotalOrder} used to sort before these run.
 */
public final class CpuRunLength {

    private final CpuWorkers workers;

    public CpuRunLength(CpuWorkers workers) {
        this.workers = workers;
    }

    /** Writes the first element of every run to {@code uniqueValues} and returns the number of runs. */
    public long unique(MemorySegment values, ElementType type, MemorySegment uniqueValues) {
        long n = Segments.count(values, type, "values");
        return runs(values, type.byteSize(), n, uniqueValues, null, "uniqueValues");
    }

    /** Writes each run's value and length (INT64) and returns the number of runs. */
    public long runLengthEncode(MemorySegment values, ElementType type, MemorySegment runValues,
                                MemorySegment runLengths) {
        long n = Segments.count(values, type, "values");
        return runs(values, type.byteSize(), n, runValues, runLengths, "runValues");
    }

    /**
     * Writes the index where each run starts to {@code runStarts} (INT64, room for n + 1) followed by {@code n}, so
     * run {@code r} covers [runStarts[r], runStarts[r + 1]); returns the number of runs.
     */
    long runOffsets(MemorySegment values, int width, MemorySegment runStarts) {
        long n = Segments.count(values, width, "keys");
        Morsels morsels = Morsels.of(n);
        long[] startsPerMorsel = countRunStarts(values, width, morsels);
        long[] offsets = CpuScan.exclusivePrefix(startsPerMorsel);
        long runCount = total(offsets, startsPerMorsel);
        Segments.requireCapacity(runStarts, runCount + 1, 8, "runStarts");
        workers.forEach(morsels.count(), m -> {
            long next = offsets[m];
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                if (startsRun(values, width, i)) {
                    runStarts.setAtIndex(LONG, next++, i);
                }
            }
        });
        runStarts.setAtIndex(LONG, runCount, n);
        return runCount;
    }

    private long runs(MemorySegment values, int width, long n, MemorySegment runValues, MemorySegment runLengths,
                      String outputName) {
        Morsels morsels = Morsels.of(n);
        long[] startsPerMorsel = countRunStarts(values, width, morsels);
        long[] offsets = CpuScan.exclusivePrefix(startsPerMorsel);
        long runCount = total(offsets, startsPerMorsel);
        Segments.requireCapacity(runValues, runCount, width, outputName);
        if (runLengths != null) {
            Segments.requireCapacity(runLengths, runCount, 8, "runLengths");
        }
        workers.forEach(morsels.count(), m -> {
            long next = offsets[m];
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                if (startsRun(values, width, i)) {
                    Segments.setRawBits(runValues, width, next, Segments.rawBits(values, width, i));
                    if (runLengths != null) {
                        runLengths.setAtIndex(LONG, next, i); // the run's start for now; a length below
                    }
                    next++;
                }
            }
        });
        if (runLengths != null) {
            startsToLengths(runLengths, runCount, n);
        }
        return runCount;
    }

    /** Turns run starts into run lengths in place, reading each chunk's following start before any chunk writes. */
    private void startsToLengths(MemorySegment starts, long runCount, long n) {
        Morsels chunks = Morsels.of(runCount);
        long[] followingStart = new long[chunks.count()];
        for (int c = 0; c < chunks.count(); c++) {
            followingStart[c] = chunks.end(c) < runCount ? starts.getAtIndex(LONG, chunks.end(c)) : n;
        }
        workers.forEach(chunks.count(), c -> {
            for (long r = chunks.start(c); r < chunks.end(c); r++) {
                long next = r + 1 < chunks.end(c) ? starts.getAtIndex(LONG, r + 1) : followingStart[c];
                starts.setAtIndex(LONG, r, next - starts.getAtIndex(LONG, r));
            }
        });
    }

    private long[] countRunStarts(MemorySegment values, int width, Morsels morsels) {
        long[] counts = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            long count = 0;
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                if (startsRun(values, width, i)) {
                    count++;
                }
            }
            counts[m] = count;
        });
        return counts;
    }

    private static boolean startsRun(MemorySegment values, int width, long i) {
        return i == 0 || Segments.rawBits(values, width, i) != Segments.rawBits(values, width, i - 1);
    }

    private static long total(long[] offsets, long[] counts) {
        return counts.length == 0 ? 0 : offsets[counts.length - 1] + counts[counts.length - 1];
    }
}
