package dev.forge.bench.experiments.cases;

import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Predicate bit masks on the CPU, the twin of {@link GpuFilterMasks}: the Vector API compares a vector of rows at a
 * time and its lane mask becomes bits of a 64-bit word (bit i of the mask is row i, Arrow order); words are written in
 * parallel over chunks of 64K rows on all cores. Rows past the last are clear.
 */
final class CpuFilterMasks {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final int WORDS_PER_CHUNK = 1024;

    private final CpuWorkers workers;

    CpuFilterMasks(CpuWorkers workers) {
        this.workers = workers;
    }

    /** Bytes of the mask for {@code rows} rows: whole 64-bit words. */
    static long maskBytes(long rows) {
        return 8 * ((rows + 63) / 64);
    }

    /** The bits of 64 rows from {@code firstRow} (all 64 exist). */
    private interface FullWord {
        long bits(long firstRow);
    }

    /** Whether one row passes, for the last, partial word. */
    private interface Row {
        boolean test(long row);
    }

    void lessInt64(MemorySegment values, long bound, MemorySegment mask) {
        write(values.byteSize() / 8, mask, first -> {
            long bits = 0;
            for (int lane = 0; lane < 64; lane += LONGS.length()) {
                bits |= longs(values, first + lane).lt(bound).toLong() << lane;
            }
            return bits;
        }, row -> values.getAtIndex(ValueLayout.JAVA_LONG, row) < bound);
    }

    void lessFloat64(MemorySegment values, double bound, MemorySegment mask) {
        write(values.byteSize() / 8, mask, first -> {
            long bits = 0;
            for (int lane = 0; lane < 64; lane += DOUBLES.length()) {
                DoubleVector vector = DoubleVector.fromMemorySegment(DOUBLES, values, 8 * (first + lane),
                        ByteOrder.nativeOrder());
                bits |= vector.compare(VectorOperators.LT, bound).toLong() << lane;
            }
            return bits;
        }, row -> values.getAtIndex(ValueLayout.JAVA_DOUBLE, row) < bound);
    }

    void bothLessInt64(MemorySegment first, MemorySegment second, long firstBound, long secondBound,
            MemorySegment mask) {
        write(first.byteSize() / 8, mask, row -> {
            long bits = 0;
            for (int lane = 0; lane < 64; lane += LONGS.length()) {
                bits |= longs(first, row + lane).lt(firstBound).and(longs(second, row + lane).lt(secondBound))
                        .toLong() << lane;
            }
            return bits;
        }, row -> first.getAtIndex(ValueLayout.JAVA_LONG, row) < firstBound
                && second.getAtIndex(ValueLayout.JAVA_LONG, row) < secondBound);
    }

    void eitherLessInt64(MemorySegment first, MemorySegment second, long firstBound, long secondBound,
            MemorySegment mask) {
        write(first.byteSize() / 8, mask, row -> {
            long bits = 0;
            for (int lane = 0; lane < 64; lane += LONGS.length()) {
                bits |= longs(first, row + lane).lt(firstBound).or(longs(second, row + lane).lt(secondBound))
                        .toLong() << lane;
            }
            return bits;
        }, row -> first.getAtIndex(ValueLayout.JAVA_LONG, row) < firstBound
                || second.getAtIndex(ValueLayout.JAVA_LONG, row) < secondBound);
    }

    private static LongVector longs(MemorySegment values, long row) {
        return LongVector.fromMemorySegment(LONGS, values, 8 * row, ByteOrder.nativeOrder());
    }

    private void write(long rows, MemorySegment mask, FullWord fullWord, Row row) {
        if (mask.byteSize() < maskBytes(rows)) {
            throw new IllegalArgumentException("the mask holds " + mask.byteSize() + " bytes; " + rows + " rows need "
                    + maskBytes(rows));
        }
        long words = (rows + 63) / 64;
        long fullWords = rows / 64;
        int chunks = Math.toIntExact((words + WORDS_PER_CHUNK - 1) / WORDS_PER_CHUNK);
        workers.forEach(chunks, chunk -> {
            long from = (long) chunk * WORDS_PER_CHUNK;
            long to = Math.min(words, from + WORDS_PER_CHUNK);
            for (long word = from; word < to; word++) {
                long bits;
                if (word < fullWords) {
                    bits = fullWord.bits(64 * word);
                } else {
                    bits = 0;
                    for (long r = 64 * word; r < rows; r++) {
                        if (row.test(r)) {
                            bits |= 1L << (r - 64 * word);
                        }
                    }
                }
                mask.setAtIndex(ValueLayout.JAVA_LONG, word, bits);
            }
        });
    }
}
