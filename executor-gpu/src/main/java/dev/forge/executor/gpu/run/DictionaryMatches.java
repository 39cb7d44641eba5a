package dev.forge.executor.gpu.run;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Layouts;
import dev.forge.executor.cpu.expression.LikePattern;
import java.lang.foreign.MemorySegment;

/**
 * The dictionary codes whose strings match a LIKE pattern, as one bit per code (at least one word, so a kernel may
 * index an empty dictionary's set). Matching uses the CPU executor's {@link LikePattern}, so both executors agree on
 * every pattern, escape and multi-byte character.
 */
public final class DictionaryMatches {
    private DictionaryMatches() {
    }

    public static int[] of(ColumnView dictionary, String pattern, String escape) {
        LikePattern compiled = LikePattern.compile(pattern, escape);
        long entries = dictionary.length();
        int[] words = new int[(int) Math.max(1, (entries + 31) >>> 5)];
        MemorySegment offsets = dictionary.values();
        MemorySegment bytes = dictionary.bytes();
        byte[] text = new byte[64];
        for (long code = 0; code < entries; code++) {
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
        return words;
    }
}
