package dev.forge.columnar.io;

import java.util.Arrays;

/**
 * Walks the records of delimited text in a byte array, one {@link #next()} at a time, exposing each field as a range
 * of the array without copying; quoted fields are unquoted on request ({@link #fieldText}). Blank lines are skipped.
 */
final class RecordCursor {
    private final byte[] text;
    private final int end;
    private final byte delimiter;
    private final int quote;
    private final boolean trailingDelimiter;

    private int position;
    /** 1-based line of the current record, counted from where the cursor started. */
    private long line;
    private long nextLine = 1;
    private int fieldCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];
    private boolean[] escaped = new boolean[16];
    private String malformed;
    private byte[] scratch = new byte[64];

    RecordCursor(byte[] text, int start, int end, DelimitedFormat format) {
        this.text = text;
        this.position = start;
        this.end = end;
        this.delimiter = format.delimiter();
        this.quote = format.quote();
        this.trailingDelimiter = format.trailingDelimiter();
    }

    /** Moves to the next record; false at the end of the range. */
    boolean next() {
        while (position < end && (text[position] == '\n' || text[position] == '\r')) {
            if (text[position] == '\n') {
                nextLine++;
            }
            position++;
        }
        if (position >= end) {
            return false;
        }
        line = nextLine;
        fieldCount = 0;
        malformed = null;
        int at = position;
        while (true) {
            if (fieldCount == starts.length) {
                grow();
            }
            int field = fieldCount++;
            if (quote != DelimitedFormat.NO_QUOTE && at < end && text[at] == quote) {
                at = readQuoted(at + 1, field);
            } else {
                int start = at;
                while (at < end && text[at] != delimiter && text[at] != '\n') {
                    at++;
                }
                int stop = at;
                if (at < end && text[at] == '\n' || at == end) {
                    if (stop > start && text[stop - 1] == '\r') {
                        stop--;
                    }
                }
                starts[field] = start;
                ends[field] = stop;
                quoted[field] = false;
                escaped[field] = false;
            }
            if (at < end && text[at] == delimiter) {
                at++;
                if (trailingDelimiter && (at >= end || text[at] == '\n' || text[at] == '\r')) {
                    break; // the spare delimiter dbgen writes at the end of each line
                }
                continue;
            }
            break;
        }
        while (at < end && text[at] != '\n') {
            if (text[at] != '\r' && malformed == null) {
                malformed = "unexpected " + DelimitedFormat.printable(text[at] & 0xFF) + " after the closing quote of field "
                        + fieldCount;
            }
            at++;
        }
        if (at < end) {
            at++;
            nextLine++;
        }
        position = at;
        return true;
    }

    private int readQuoted(int at, int field) {
        int start = at;
        boolean doubled = false;
        while (true) {
            if (at >= end) {
                malformed = "quoted field " + (field + 1) + " is not closed before the end of the file";
                starts[field] = start;
                ends[field] = end;
                break;
            }
            byte b = text[at];
            if (b == quote) {
                if (at + 1 < end && text[at + 1] == quote) {
                    doubled = true;
                    at += 2;
                    continue;
                }
                starts[field] = start;
                ends[field] = at;
                at++;
                break;
            }
            if (b == '\n') {
                nextLine++;
            }
            at++;
        }
        quoted[field] = true;
        escaped[field] = doubled;
        // anything between the closing quote and the next delimiter or line end is an error
        if (at < end && text[at] != delimiter && text[at] != '\n' && !(text[at] == '\r')) {
            malformed = "unexpected " + DelimitedFormat.printable(text[at] & 0xFF) + " after the closing quote of field "
                    + (field + 1);
            while (at < end && text[at] != delimiter && text[at] != '\n') {
                at++;
            }
        }
        return at;
    }

    private void grow() {
        int size = starts.length * 2;
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        quoted = Arrays.copyOf(quoted, size);
        escaped = Arrays.copyOf(escaped, size);
    }

    long line() {
        return line;
    }

    /** Offset in the array where the cursor stands: after the current record. */
    int position() {
        return position;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Why the record's quoting is broken, or {@code null}. */
    String malformed() {
        return malformed;
    }

    /** An unquoted empty field: SQL NULL. A quoted empty field ({@code ""}) is the empty string. */
    boolean isNull(int field) {
        return !quoted[field] && starts[field] == ends[field];
    }

    /** Whether the quoted field held doubled quotes, so its bytes live in a buffer reused for the next one. */
    boolean isEscaped(int field) {
        return escaped[field];
    }

    boolean isQuoted(int field) {
        return quoted[field];
    }

    /** The array holding the field's unescaped bytes in {@code [fieldStart(field), fieldEnd(field))}. */
    byte[] fieldBytes(int field) {
        if (!escaped[field]) {
            return text;
        }
        unescape(field);
        return scratch;
    }

    int fieldStart(int field) {
        return escaped[field] ? 0 : starts[field];
    }

    int fieldEnd(int field) {
        return escaped[field] ? unescapedLength(field) : ends[field];
    }

    String fieldText(int field) {
        byte[] bytes = fieldBytes(field);
        return new String(bytes, fieldStart(field), fieldEnd(field) - fieldStart(field), java.nio.charset.StandardCharsets.UTF_8);
    }

    private int unescapedLength(int field) {
        int length = 0;
        for (int i = starts[field]; i < ends[field]; i++) {
            length++;
            if (text[i] == quote) {
                i++;
            }
        }
        return length;
    }

    private void unescape(int field) {
        int length = ends[field] - starts[field];
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        int out = 0;
        for (int i = starts[field]; i < ends[field]; i++) {
            scratch[out++] = text[i];
            if (text[i] == quote) {
                i++;
            }
        }
    }
}
