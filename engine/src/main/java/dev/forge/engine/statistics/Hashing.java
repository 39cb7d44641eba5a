package dev.forge.engine.statistics;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;

/** Hash functions for the distinct-count sets. */
final class Hashing {
    private Hashing() {
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit, so linear probing stays short. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** A hash of {@code length} bytes at {@code offset}, eight at a time. */
    static long bytes(MemorySegment memory, long offset, long length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        long at = 0;
        for (; at + 8 <= length; at += 8) {
            h = mix(h ^ memory.get(Layouts.LONG, offset + at)) * 31;
        }
        long tail = 0;
        for (int shift = 0; at < length; at++, shift += 8) {
            tail |= (memory.get(Layouts.BYTE, offset + at) & 0xFFL) << shift;
        }
        return mix(h ^ tail);
    }
}
