package dev.forge.executor.gpu.run;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Layouts;
import dev.forge.executor.cpu.expression.LikePattern;
import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

/**
 * The dictionary codes whose strings match a LIKE pattern, as one bit per code (at least one word, so a kernel may
 * index an empty dictionary's set). Matching uses the CPU executor's {@link LikePattern}, so both executors agree on
 * every pattern, escape and multi-byte character. A query matches the whole dictionary each time it runs, and a
 * comment column's dictionary holds nearly a string per row (TPC-H Q13's o_comment: 15M at SF 10), so the codes are
 * matched in parallel, in ranges of whole words that each task writes alone.
 */
public final class DictionaryMatches {
    /** Codes per task: a multiple of 32, so no two tasks write the same word. */
    static final int CODES_PER_TASK = 1 << 16;

    private DictionaryMatches() {
    }

    public static int[] of(ColumnView dictionary, String pattern, String escape) {
        LikePattern compiled = LikePattern.compile(pattern, escape);
        long entries = dictionary.length();
        int[] words = new int[(int) Math.max(1, (entries + 31) >>> 5)];
        int tasks = (int) ((entries + CODES_PER_TASK - 1) / CODES_PER_TASK);
        IntStream.range(0, tasks).parallel().forEach(task -> match(dictionary, compiled,
                (long) task * CODES_PER_TASK, Math.min(entries, (long) (task + 1) * CODES_PER_TASK), words));
        return words;
    }

    /** Sets the bits of the codes in [from, to) whose strings match. */
    private static void match(ColumnView dictionary, LikePattern compiled, long from, long to, int[] words) {
        MemorySegment offsets = dictionary.values();
        MemorySegment bytes = dictionary.bytes();
        byte[] text = new byte[64];
        for (long code = from; code < to; code++) {
            long start = offsets.getAtIndex(Layouts.LONG, code);
            int length = (int) (offsets.getAtIndex(Layouts.LONG, code + 1) - start);
            if (text.length < length) {
                text = new byte[Math.max(length, text.length * 2)];
            }
            MemorySegment.copy(bytes, Layouts.BYTE, start, text, 0, length);
            if (compiled.matches(text, 0, length)) {
                words[(int) (code >>> 5)] |= 1 << (code & 31);
            }
        }
    }
}
