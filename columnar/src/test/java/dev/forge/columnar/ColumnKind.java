package dev.forge.columnar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

/** Every kind of column the data model has, with a seeded generator of non-trivial values for each. */
public enum ColumnKind {
    BOOLEAN(DataType.BOOLEAN),
    INT32(DataType.INT32),
    INT64(DataType.INT64),
    FLOAT32(DataType.FLOAT32),
    FLOAT64(DataType.FLOAT64),
    DECIMAL_64(DataType.decimal(12, 2)),
    DECIMAL_128(DataType.decimal(30, 4)),
    DATE(DataType.DATE),
    TIMESTAMP(DataType.TIMESTAMP),
    VARCHAR_DICTIONARY(DataType.VARCHAR),
    VARCHAR_PLAIN(DataType.VARCHAR);

    private static final String[] WORDS = {"apple", "Ünïcødé", "", "naïve café", "数据库", "emoji \uD83D\uDE80", "zebra",
            "a", "MIXED case", "tab\tand\nnewline"};

    public final DataType type;

    ColumnKind(DataType type) {
        this.type = type;
    }

    /** A column of {@code rows} seeded values with nulls where {@code nulls} says. */
    public Column generate(long seed, long rows, NullPattern nulls) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + ordinal());
        int base = random.nextInt(1 << 20) + 1;
        try (ColumnBuilder builder = ColumnBuilder.of(type, 16)) {
            if (this == VARCHAR_DICTIONARY) {
                builder.stringLayout(StringLayout.DICTIONARY);
            } else if (this == VARCHAR_PLAIN) {
                builder.stringLayout(StringLayout.PLAIN);
            }
            for (long row = 0; row < rows; row++) {
                if (nulls.isNull(row, rows, random)) {
                    builder.appendNull();
                    continue;
                }
                switch (this) {
                    case BOOLEAN -> builder.appendBoolean(random.nextInt(3) != 0);
                    case INT32 -> builder.appendInt(random.nextInt(10) == 0 ? random.nextInt() : base + random.nextInt(5000));
                    case INT64 -> builder.appendLong(random.nextInt(10) == 0 ? random.nextLong() : base * 1_000_000L + row * 7);
                    case FLOAT32 -> builder.appendFloat(special(random) ? specialFloat(random) : random.nextFloat() * base);
                    case FLOAT64 -> builder.appendDouble(special(random) ? specialDouble(random) : random.nextDouble() * base);
                    case DECIMAL_64 -> builder.appendDecimal(BigDecimal.valueOf(random.nextLong(-99_999_999_999L, 99_999_999_999L), 2));
                    case DECIMAL_128 -> builder.appendDecimal(new BigDecimal(new BigInteger(96, new java.util.Random(random.nextLong()))
                            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)), 4));
                    case DATE -> builder.appendInt(8000 + random.nextInt(3000));
                    case TIMESTAMP -> builder.appendLong(1_600_000_000_000_000L + row * 1_000_000L + random.nextInt(1000));
                    case VARCHAR_DICTIONARY -> builder.appendString(WORDS[random.nextInt(WORDS.length)] + random.nextInt(20));
                    case VARCHAR_PLAIN -> builder.appendString(WORDS[random.nextInt(WORDS.length)] + random.nextLong());
                }
            }
            return builder.build();
        }
    }

    private static boolean special(SplittableRandom random) {
        return random.nextInt(50) == 0;
    }

    private static float specialFloat(SplittableRandom random) {
        float[] specials = {Float.NaN, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                Float.intBitsToFloat(0x7fa00001)};
        return specials[random.nextInt(specials.length)];
    }

    private static double specialDouble(SplittableRandom random) {
        double[] specials = {Double.NaN, -0d, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.longBitsToDouble(0x7ff4000000000001L)};
        return specials[random.nextInt(specials.length)];
    }
}
