package dev.forge.executor.cpu.expression;

/** Character positions in UTF-8 bytes. */
final class Utf8 {
    private Utf8() {
    }

    /** The byte position {@code characters} characters after {@code from}, or {@code end} if the text ends first. */
    static int advance(byte[] data, int from, int end, long characters) {
        int position = from;
        long remaining = characters;
        while (remaining > 0 && position < end) {
            position++;
            while (position < end && (data[position] & 0xC0) == 0x80) {
                position++;
            }
            remaining--;
        }
        return position;
    }

    static int characterCount(byte[] data, int from, int end) {
        int count = 0;
        for (int i = from; i < end; i++) {
            if ((data[i] & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    static boolean isAscii(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
