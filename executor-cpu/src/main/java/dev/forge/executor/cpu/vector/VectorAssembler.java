package dev.forge.executor.cpu.vector;

/**
 * Builds one vector from pieces computed on different subsets of a batch's rows (the branches of a CASE, the
 * arguments of a COALESCE): each piece's rows are put at their positions; positions never put are NULL.
 */
public final class VectorAssembler {
    private final VectorKind kind;
    private final int length;
    private final boolean[] nulls;
    private boolean[] booleans;
    private long[] longs;
    private long[] highs;
    private double[] doubles;
    private StringVector[] stringSources;
    private int[] stringRows;

    public VectorAssembler(VectorKind kind, int length) {
        this.kind = kind;
        this.length = length;
        this.nulls = new boolean[length];
        java.util.Arrays.fill(nulls, true);
        switch (kind) {
            case BOOLEAN -> booleans = new boolean[length];
            case LONG -> longs = new long[length];
            case DOUBLE -> doubles = new double[length];
            case INT128 -> {
                longs = new long[length];
                highs = new long[length];
            }
            case STRING -> {
                stringSources = new StringVector[length];
                stringRows = new int[length];
            }
        }
    }

    /** Row {@code k} of {@code piece} goes to position {@code positions[k]}, for k < count. */
    public void put(Vector piece, int[] positions, int count) {
        boolean[] pieceNulls = piece.nulls();
        for (int k = 0; k < count; k++) {
            nulls[positions[k]] = pieceNulls != null && pieceNulls[k];
        }
        switch (piece) {
            case BooleanVector v -> {
                for (int k = 0; k < count; k++) {
                    booleans[positions[k]] = v.values()[k];
                }
            }
            case LongVector v -> {
                for (int k = 0; k < count; k++) {
                    longs[positions[k]] = v.values()[k];
                }
            }
            case DoubleVector v -> {
                for (int k = 0; k < count; k++) {
                    doubles[positions[k]] = v.values()[k];
                }
            }
            case Int128Vector v -> {
                for (int k = 0; k < count; k++) {
                    longs[positions[k]] = v.low()[k];
                    highs[positions[k]] = v.high()[k];
                }
            }
            case StringVector v -> {
                for (int k = 0; k < count; k++) {
                    stringSources[positions[k]] = v;
                    stringRows[positions[k]] = k;
                }
            }
        }
    }

    public Vector build() {
        boolean any = false;
        for (int i = 0; i < length && !any; i++) {
            any = nulls[i];
        }
        boolean[] resultNulls = any ? nulls : null;
        return switch (kind) {
            case BOOLEAN -> new BooleanVector(booleans, resultNulls, length);
            case LONG -> new LongVector(longs, resultNulls, length);
            case DOUBLE -> new DoubleVector(doubles, resultNulls, length);
            case INT128 -> new Int128Vector(highs, longs, resultNulls, length);
            case STRING -> buildStrings();
        };
    }

    private StringVector buildStrings() {
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            if (!nulls[i]) {
                bytes += stringSources[i].lengths()[stringRows[i]];
            }
        }
        StringVectorBuilder builder = new StringVectorBuilder(length, (int) Math.min(bytes, Integer.MAX_VALUE - 16));
        for (int i = 0; i < length; i++) {
            if (nulls[i]) {
                builder.appendNull();
            } else {
                StringVector source = stringSources[i];
                int row = stringRows[i];
                builder.append(source.data(), source.starts()[row], source.lengths()[row]);
            }
        }
        return builder.build();
    }
}
