package dev.forge.executor.cpu.vector;

import dev.forge.plan.QueryException;
import java.util.List;

/** Building vectors: all-NULL vectors, concatenation of batches' vectors. */
public final class Vectors {
    private Vectors() {
    }

    /** A vector of {@code length} NULLs. */
    public static Vector nulls(VectorKind kind, int length) {
        boolean[] nulls = new boolean[length];
        java.util.Arrays.fill(nulls, true);
        return switch (kind) {
            case BOOLEAN -> new BooleanVector(new boolean[length], nulls, length);
            case LONG -> new LongVector(new long[length], nulls, length);
            case DOUBLE -> new DoubleVector(new double[length], nulls, length);
            case INT128 -> new Int128Vector(new long[length], new long[length], nulls, length);
            case STRING -> StringVector.plain(new byte[0], new int[length], new int[length], nulls, length);
        };
    }

    public static Vector empty(VectorKind kind) {
        return nulls(kind, 0).slice(0, 0);
    }

    /** The vectors one after the other; they are all of {@code kind}. */
    public static Vector concatenate(VectorKind kind, List<Vector> parts) {
        long total = 0;
        for (Vector part : parts) {
            total += part.length();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new QueryException("an intermediate result of " + total + " rows exceeds the 2^31 rows one CPU"
                    + " operator can hold at once");
        }
        int length = (int) total;
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        boolean[] nulls = concatenateNulls(parts, length);
        int at = 0;
        switch (kind) {
            case BOOLEAN -> {
                boolean[] values = new boolean[length];
                for (Vector part : parts) {
                    System.arraycopy(((BooleanVector) part).values(), 0, values, at, part.length());
                    at += part.length();
                }
                return new BooleanVector(values, nulls, length);
            }
            case LONG -> {
                long[] values = new long[length];
                for (Vector part : parts) {
                    System.arraycopy(((LongVector) part).values(), 0, values, at, part.length());
                    at += part.length();
                }
                return new LongVector(values, nulls, length);
            }
            case DOUBLE -> {
                double[] values = new double[length];
                for (Vector part : parts) {
                    System.arraycopy(((DoubleVector) part).values(), 0, values, at, part.length());
                    at += part.length();
                }
                return new DoubleVector(values, nulls, length);
            }
            case INT128 -> {
                long[] high = new long[length];
                long[] low = new long[length];
                for (Vector part : parts) {
                    Int128Vector wide = (Int128Vector) part;
                    System.arraycopy(wide.high(), 0, high, at, part.length());
                    System.arraycopy(wide.low(), 0, low, at, part.length());
                    at += part.length();
                }
                return new Int128Vector(high, low, nulls, length);
            }
            case STRING -> {
                return concatenateStrings(parts, nulls, length);
            }
        }
        throw new AssertionError(kind);
    }

    private static boolean[] concatenateNulls(List<Vector> parts, int length) {
        boolean any = false;
        for (Vector part : parts) {
            any |= part.nulls() != null;
        }
        if (!any) {
            return null;
        }
        boolean[] nulls = new boolean[length];
        int at = 0;
        for (Vector part : parts) {
            if (part.nulls() != null) {
                System.arraycopy(part.nulls(), 0, nulls, at, part.length());
            }
            at += part.length();
        }
        return nulls;
    }

    private static StringVector concatenateStrings(List<Vector> parts, boolean[] nulls, int length) {
        StringDictionary shared = ((StringVector) parts.getFirst()).dictionary();
        for (Vector part : parts) {
            if (((StringVector) part).dictionary() != shared) {
                shared = null;
                break;
            }
        }
        if (shared != null) {
            int[] codes = new int[length];
            int at = 0;
            for (Vector part : parts) {
                System.arraycopy(((StringVector) part).codes(), 0, codes, at, part.length());
                at += part.length();
            }
            return StringVector.coded(shared, codes, nulls, length);
        }
        long bytes = 0;
        for (Vector part : parts) {
            StringVector strings = (StringVector) part;
            for (int i = 0; i < strings.length(); i++) {
                bytes += strings.lengths()[i];
            }
        }
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new QueryException("an intermediate string column of " + bytes + " bytes exceeds 2 GiB");
        }
        StringVectorBuilder builder = new StringVectorBuilder(length, (int) bytes);
        for (Vector part : parts) {
            StringVector strings = (StringVector) part;
            for (int i = 0; i < strings.length(); i++) {
                if (strings.isNull(i)) {
                    builder.appendNull();
                } else {
                    builder.append(strings.data(), strings.starts()[i], strings.lengths()[i]);
                }
            }
        }
        return builder.build();
    }
}
