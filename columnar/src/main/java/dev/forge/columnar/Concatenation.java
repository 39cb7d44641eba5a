package dev.forge.columnar;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins columns (or tables) built in parts, e.g. by parallel readers and generators, into one, copying memory in bulk
 * and merging string dictionaries; the parts are left to the caller, who still owns them.
 */
public final class Concatenation {
    private Concatenation() {
    }

    /**
     * One table under {@code schema} with the rows of {@code parts} in order; the parts must have its column names and
     * types (their nullability may differ: the result is checked against {@code schema}).
     */
    public static Table tables(Schema schema, List<Table> parts) {
        for (Table part : parts) {
            if (!sameColumns(part.schema(), schema)) {
                throw new IllegalArgumentException("cannot concatenate a table of schema " + part.schema() + " to one of "
                        + schema);
            }
        }
        return new Table(schema, ColumnsInParallel.make(schema.size(), c -> {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (Table part : parts) {
                pieces.add(part.column(c));
            }
            return columns(schema.field(c).type(), pieces);
        }));
    }

    private static boolean sameColumns(Schema left, Schema right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int c = 0; c < left.size(); c++) {
            if (!left.field(c).name().equals(right.field(c).name()) || !left.field(c).type().equals(right.field(c).type())) {
                return false;
            }
        }
        return true;
    }

    /** One column with the values of {@code parts} in order; all must have {@code type}. */
    public static Column columns(DataType type, List<Column> parts) {
        long length = 0;
        long nullCount = 0;
        for (Column part : parts) {
            if (!part.type().equals(type)) {
                throw new IllegalArgumentException("cannot concatenate a " + part.type() + " column to a " + type + " one");
            }
            length += part.length();
            nullCount += part.nullCount();
        }
        HostBuffer validity = nullCount == 0 ? null : concatenateValidity(parts, length);
        try {
            return switch (type.physicalType()) {
                case BIT -> new Column(type, length, nullCount, validity, concatenateBits(parts, length), null, null);
                case INT32, INT64, FLOAT32, FLOAT64, INT128 ->
                        new Column(type, length, nullCount, validity, concatenateWords(parts, length), null, null);
                case STRING -> concatenateStrings(type, parts, length, nullCount, validity);
            };
        } catch (RuntimeException failed) {
            if (validity != null) {
                validity.close();
            }
            throw failed;
        }
    }

    private static HostBuffer concatenateWords(List<Column> parts, long length) {
        int width = parts.isEmpty() ? 8 : parts.getFirst().type().physicalType().valueBytes();
        HostBuffer values = HostBuffer.allocate(length * width, "concatenated values");
        long at = 0;
        for (Column part : parts) {
            long bytes = part.length() * width;
            MemorySegment.copy(part.view().values(), 0, values.segment(), at, bytes);
            at += bytes;
        }
        return values;
    }

    private static HostBuffer concatenateBits(List<Column> parts, long length) {
        HostBuffer bits = HostBuffer.allocate(Bitmaps.byteSize(length), "concatenated booleans");
        long at = 0;
        for (Column part : parts) {
            copyBits(part.view().values(), part.length(), bits.segment(), at);
            at += part.length();
        }
        return bits;
    }

    private static HostBuffer concatenateValidity(List<Column> parts, long length) {
        HostBuffer validity = HostBuffer.allocate(Bitmaps.byteSize(length), "concatenated validity");
        long at = 0;
        for (Column part : parts) {
            MemorySegment source = part.view().validity();
            if (source == null) {
                for (long i = 0; i < part.length(); i++) {
                    Bitmaps.set(validity.segment(), at + i, true);
                }
            } else {
                copyBits(source, part.length(), validity.segment(), at);
            }
            at += part.length();
        }
        return validity;
    }

    /** ORs bits {@code [0, count)} of {@code source} into the zero-filled {@code target} from bit {@code at}. */
    static void copyBits(MemorySegment source, long count, MemorySegment target, long at) {
        long fullBytes = count >>> 3;
        int shift = (int) (at & 7);
        long targetByte = at >>> 3;
        if (shift == 0) {
            MemorySegment.copy(source, 0, target, targetByte, fullBytes);
        } else {
            for (long i = 0; i < fullBytes; i++) {
                int value = source.get(Layouts.BYTE, i) & 0xFF;
                orByte(target, targetByte + i, value << shift);
                orByte(target, targetByte + i + 1, value >>> (8 - shift));
            }
        }
        for (long bit = fullBytes << 3; bit < count; bit++) {
            if (Bitmaps.get(source, bit)) {
                Bitmaps.set(target, at + bit, true);
            }
        }
    }

    private static void orByte(MemorySegment target, long index, int bits) {
        if ((bits & 0xFF) != 0) {
            target.set(Layouts.BYTE, index, (byte) (target.get(Layouts.BYTE, index) | bits));
        }
    }

    private static Column concatenateStrings(DataType type, List<Column> parts, long length, long nullCount,
            HostBuffer validity) {
        boolean allDictionaries = !parts.isEmpty()
                && parts.stream().allMatch(part -> part.view().stringLayout() == StringLayout.DICTIONARY);
        if (allDictionaries) {
            Column merged = mergeDictionaries(type, parts, length, nullCount, validity);
            if (merged != null) {
                return merged;
            }
        }
        return concatenatePlain(type, parts, length, nullCount, validity);
    }

    /** The parts' dictionaries merged into one sorted dictionary, or {@code null} when the union grew too large. */
    private static Column mergeDictionaries(DataType type, List<Column> parts, long length, long nullCount,
            HostBuffer validity) {
        Map<Key, Integer> union = new HashMap<>();
        for (Column part : parts) {
            ColumnView dictionary = part.view().dictionary();
            for (long code = 0; code < dictionary.length(); code++) {
                union.putIfAbsent(new Key(dictionary.getStringBytes(code)), 0);
                if (union.size() > ColumnBuilder.DEFAULT_MAX_DICTIONARY_SIZE) {
                    return null;
                }
            }
        }
        if (union.size() > Math.max(1, length / 2)) {
            return null;
        }
        List<Key> sorted = new ArrayList<>(union.keySet());
        sorted.sort((left, right) -> Arrays.compareUnsigned(left.bytes, right.bytes));
        for (int code = 0; code < sorted.size(); code++) {
            union.put(sorted.get(code), code);
        }
        Column dictionary = plainStrings(sorted);
        HostBuffer codes = HostBuffer.allocate(length * 4, "merged dictionary codes");
        long row = 0;
        for (Column part : parts) {
            ColumnView view = part.view();
            ColumnView partDictionary = view.dictionary();
            int[] remap = new int[Math.toIntExact(partDictionary.length())];
            for (int code = 0; code < remap.length; code++) {
                remap[code] = union.get(new Key(partDictionary.getStringBytes(code)));
            }
            for (long i = 0; i < view.length(); i++) {
                int code = view.values().getAtIndex(Layouts.INT, i);
                // codes at null positions are unspecified: keep them in range without looking them up
                codes.segment().setAtIndex(Layouts.INT, row++, view.isNull(i) ? 0 : remap[code]);
            }
        }
        return new Column(type, length, nullCount, validity, codes, null, dictionary);
    }

    private static Column plainStrings(List<Key> strings) {
        long bytes = 0;
        for (Key key : strings) {
            bytes += key.bytes.length;
        }
        HostBuffer offsets = HostBuffer.allocate((strings.size() + 1L) * 8, "dictionary offsets");
        HostBuffer utf8 = HostBuffer.allocate(bytes, "dictionary bytes");
        long at = 0;
        for (int i = 0; i < strings.size(); i++) {
            byte[] text = strings.get(i).bytes;
            MemorySegment.copy(text, 0, utf8.segment(), Layouts.BYTE, at, text.length);
            at += text.length;
            offsets.segment().setAtIndex(Layouts.LONG, i + 1, at);
        }
        return new Column(DataType.VARCHAR, strings.size(), 0, null, offsets, utf8, null);
    }

    private static Column concatenatePlain(DataType type, List<Column> parts, long length, long nullCount,
            HostBuffer validity) {
        long totalBytes = 0;
        for (Column part : parts) {
            totalBytes += plainByteLength(part.view());
        }
        HostBuffer offsets = HostBuffer.allocate((length + 1) * 8, "concatenated string offsets");
        HostBuffer utf8 = null;
        try {
            utf8 = HostBuffer.allocate(totalBytes, "concatenated string bytes");
            MemorySegment offsetMemory = offsets.segment();
            MemorySegment byteMemory = utf8.segment();
            long row = 0;
            long at = 0;
            for (Column part : parts) {
                ColumnView view = part.view();
                if (view.stringLayout() == StringLayout.PLAIN) {
                    long partBytes = view.values().getAtIndex(Layouts.LONG, view.length());
                    MemorySegment.copy(view.bytes(), 0, byteMemory, at, partBytes);
                    for (long i = 1; i <= view.length(); i++) {
                        offsetMemory.setAtIndex(Layouts.LONG, row + i, at + view.values().getAtIndex(Layouts.LONG, i));
                    }
                    at += partBytes;
                } else {
                    for (long i = 0; i < view.length(); i++) {
                        if (!view.isNull(i)) {
                            byte[] text = view.getStringBytes(i);
                            MemorySegment.copy(text, 0, byteMemory, Layouts.BYTE, at, text.length);
                            at += text.length;
                        }
                        offsetMemory.setAtIndex(Layouts.LONG, row + i + 1, at);
                    }
                }
                row += view.length();
            }
            return new Column(type, length, nullCount, validity, offsets, utf8, null);
        } catch (RuntimeException failed) {
            offsets.close();
            if (utf8 != null) {
                utf8.close();
            }
            throw failed;
        }
    }

    private static long plainByteLength(ColumnView view) {
        if (view.stringLayout() == StringLayout.PLAIN) {
            return view.values().getAtIndex(Layouts.LONG, view.length());
        }
        long bytes = 0;
        for (long i = 0; i < view.length(); i++) {
            if (!view.isNull(i)) {
                bytes += view.dictionary().getStringBytes(view.getCode(i)).length;
            }
        }
        return bytes;
    }

    /** UTF-8 bytes with value equality, as a map key. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
