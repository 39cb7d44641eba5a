package dev.forge.bench.experiments.cases;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that ASCII text is written into without allocating per value: the generator's rows. */
final class TextBuffer {
    private byte[] bytes;
    private int length;

    TextBuffer(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    TextBuffer append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    TextBuffer append(String text) {
        return append(text.getBytes(StandardCharsets.UTF_8));
    }

    TextBuffer append(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** The decimal digits of {@code value}, with a minus sign when negative (Long.MIN_VALUE included). */
    TextBuffer append(long value) {
        if (value < 0) {
            append('-');
            if (value == Long.MIN_VALUE) {
                return append("9223372036854775808");
            }
            value = -value;
        }
        return appendDigits(value, 1);
    }

    /** The digits of a non-negative {@code value}, padded with leading zeros to at least {@code width}. */
    TextBuffer appendDigits(long value, int width) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int total = Math.max(digits, width);
        ensure(total);
        for (int i = length + total - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += total;
        return this;
    }

    void copyTo(MemorySegment target, long offset) {
        MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, offset, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
