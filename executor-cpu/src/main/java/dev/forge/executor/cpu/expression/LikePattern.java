package dev.forge.executor.cpu.expression;

import dev.forge.plan.QueryException;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A LIKE pattern compiled once into the runs between {@code %} signs, matched on UTF-8 bytes: {@code _} consumes one
 * whole character (1 to 4 bytes). Patterns without {@code _} take the fast paths: equality, prefix, suffix, contains,
 * or a left-to-right search for each run. With {@code _}, runs are still matched leftmost-first, which is exact for
 * {@code %}-separated runs of fixed character length. Public so the GPU executor matches dictionary entries with
 * exactly the CPU executor's semantics.
 */
public final class LikePattern {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** A run of pattern characters between two {@code %}: literal bytes, and where {@code wildcard[i]}, a {@code _}. */
    private record Run(byte[] bytes, boolean[] wildcard, boolean hasWildcard, int characters) {
    }

    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final List<Run> runs;
    private final boolean anyWildcard;

    private LikePattern(boolean anchoredStart, boolean anchoredEnd, List<Run> runs) {
        this.anchoredStart = anchoredStart;
        this.anchoredEnd = anchoredEnd;
        this.runs = runs;
        boolean any = false;
        for (Run run : runs) {
            any |= run.hasWildcard();
        }
        this.anyWildcard = any;
    }

    /** Compiles {@code pattern}; {@code escape} (one character) or {@code null}. A bad escape is a QueryException. */
    public static LikePattern compile(String pattern, String escape) {
        Integer escapeCharacter = null;
        if (escape != null) {
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw new QueryException("LIKE escape must be one character, got '" + escape + "'");
            }
            escapeCharacter = escape.codePointAt(0);
        }
        List<Run> runs = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Boolean> wildcards = new ArrayList<>();
        int characters = 0;
        boolean anchoredStart = true;
        boolean lastWasPercent = false;
        int[] codePoints = pattern.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            boolean percent = false;
            if (escapeCharacter != null && c == escapeCharacter) {
                if (i + 1 == codePoints.length) {
                    throw new QueryException("LIKE pattern '" + pattern + "' ends with its escape character");
                }
                c = codePoints[++i];
                characters += appendLiteral(c, bytes, wildcards);
            } else if (c == '%') {
                percent = true;
                if (i == 0) {
                    anchoredStart = false;
                }
                if (bytes.size() > 0) {
                    runs.add(run(bytes, wildcards, characters));
                }
                bytes.reset();
                wildcards.clear();
                characters = 0;
            } else if (c == '_') {
                bytes.write(0);
                wildcards.add(true);
                characters++;
            } else {
                characters += appendLiteral(c, bytes, wildcards);
            }
            lastWasPercent = percent;
        }
        if (bytes.size() > 0 || runs.isEmpty() && anchoredStart) {
            runs.add(run(bytes, wildcards, characters));
        }
        boolean anchoredEnd = !lastWasPercent;
        return new LikePattern(anchoredStart, anchoredEnd, runs);
    }

    private static int appendLiteral(int codePoint, ByteArrayOutputStream bytes, List<Boolean> wildcards) {
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.writeBytes(encoded);
        for (int k = 0; k < encoded.length; k++) {
            wildcards.add(false);
        }
        return 1;
    }

    private static Run run(ByteArrayOutputStream bytes, List<Boolean> wildcards, int characters) {
        byte[] content = bytes.toByteArray();
        boolean[] wildcard = new boolean[content.length];
        boolean any = false;
        for (int i = 0; i < content.length; i++) {
            wildcard[i] = wildcards.get(i);
            any |= wildcard[i];
        }
        return new Run(content, wildcard, any, characters);
    }

    /** Whether the UTF-8 bytes {@code text[from, from + length)} match. */
    public boolean matches(byte[] text, int from, int length) {
        int end = from + length;
        if (runs.isEmpty()) {
            return true; // only % signs
        }
        if (!anyWildcard) {
            if (runs.size() == 1) {
                byte[] run = runs.getFirst().bytes();
                if (anchoredStart && anchoredEnd) {
                    return length == run.length && regionEquals(text, from, run);
                }
                if (anchoredStart) {
                    return length >= run.length && regionEquals(text, from, run);
                }
                if (anchoredEnd) {
                    return length >= run.length && regionEquals(text, end - run.length, run);
                }
                return indexOf(text, from, end, run) >= 0;
            }
        }
        int position = from;
        int first = 0;
        int last = runs.size();
        if (anchoredStart) {
            int matched = matchAt(text, position, end, runs.getFirst());
            if (matched < 0) {
                return false;
            }
            position = matched;
            first = 1;
        }
        if (anchoredEnd && last > first) {
            last--;
        }
        for (int r = first; r < last; r++) {
            Run run = runs.get(r);
            int found = -1;
            if (!run.hasWildcard()) {
                int at = indexOf(text, position, end, run.bytes());
                if (at < 0) {
                    return false;
                }
                position = at + run.bytes().length;
                continue;
            }
            for (int start = position; start <= end; start++) {
                if (start < end && (text[start] & 0xC0) == 0x80) {
                    continue; // not a character boundary
                }
                int matched = matchAt(text, start, end, run);
                if (matched >= 0) {
                    found = matched;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            position = found;
        }
        if (anchoredEnd) {
            if (anchoredStart && runs.size() == 1) {
                return position == end;
            }
            Run run = runs.getLast();
            int start = end;
            for (int c = 0; c < run.characters(); c++) {
                if (start <= position) {
                    return false;
                }
                start--;
                while (start > position && (text[start] & 0xC0) == 0x80) {
                    start--;
                }
            }
            return start >= position && matchAt(text, start, end, run) == end;
        }
        return true;
    }

    /** Where the run ends when it matches at {@code start}, or -1. */
    private static int matchAt(byte[] text, int start, int end, Run run) {
        byte[] bytes = run.bytes();
        boolean[] wildcard = run.wildcard();
        int position = start;
        for (int i = 0; i < bytes.length; i++) {
            if (position >= end) {
                return -1;
            }
            if (wildcard[i]) {
                position += characterLength(text[position]);
                if (position > end) {
                    return -1;
                }
            } else {
                if (text[position] != bytes[i]) {
                    return -1;
                }
                position++;
            }
        }
        return position;
    }

    private static int characterLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static boolean regionEquals(byte[] text, int at, byte[] run) {
        return java.util.Arrays.equals(text, at, at + run.length, run, 0, run.length);
    }

    private static int indexOf(byte[] text, int from, int end, byte[] run) {
        if (run.length == 0) {
            return from;
        }
        byte first = run[0];
        int length = run.length;
        int last = end - length;
        int at = from;
        while (at <= last) {
            int candidate = indexOfByte(text, at, last + 1, first);
            if (candidate < 0) {
                return -1;
            }
            boolean same = true;
            for (int k = 1; k < length && same; k++) {
                same = text[candidate + k] == run[k];
            }
            if (same) {
                return candidate;
            }
            at = candidate + 1;
        }
        return -1;
    }

    /** The first position of {@code value} in [from, end), or -1; eight bytes per step (zero-byte test on a long). */
    static int indexOfByte(byte[] text, int from, int end, byte value) {
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(text, i) ^ pattern;
            long zeroBytes = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (text[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
