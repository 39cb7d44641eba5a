package dev.forge.columnar.io;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random tables with every type, for round-trip tests; values are never all zero. */
final class RandomTables {
    private RandomTables() {
    }

    /** How often a nullable column holds nulls. */
    enum NullPattern {
        NONE, SOME, ALL
    }

    static final List<DataType> ALL_TYPES = List.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64,
            DataType.FLOAT64, DataType.decimal(15, 2), DataType.decimal(30, 4), DataType.DATE, DataType.TIMESTAMP,
            DataType.VARCHAR);

    static Schema schema(NullPattern nulls) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < ALL_TYPES.size(); i++) {
            DataType type = ALL_TYPES.get(i);
            String name = "c" + i + "_" + type.toString().toLowerCase().replaceAll("[^a-z0-9]", "");
            fields.add(nulls == NullPattern.NONE ? Field.required(name, type) : Field.nullable(name, type));
        }
        return new Schema(fields);
    }

    static Table table(Schema schema, int rows, long seed, NullPattern nulls, boolean awkwardStrings) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Column> columns = new ArrayList<>();
        try {
            for (Field field : schema.fields()) {
                try (ColumnBuilder builder = ColumnBuilder.of(field.type(), rows)) {
                    for (int row = 0; row < rows; row++) {
                        boolean isNull = field.nullable()
                                && (nulls == NullPattern.ALL || (nulls == NullPattern.SOME && random.nextInt(5) == 0));
                        if (isNull) {
                            builder.appendNull();
                        } else {
                            append(builder, field.type(), random, awkwardStrings);
                        }
                    }
                    columns.add(builder.build());
                }
            }
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
        return new Table(schema, columns);
    }

    private static void append(ColumnBuilder builder, DataType type, SplittableRandom random, boolean awkward) {
        switch (type) {
            case DataType.Boolean ignored -> builder.appendBoolean(random.nextBoolean());
            case DataType.Int32 ignored -> builder.appendInt(random.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE));
            case DataType.Int64 ignored -> builder.appendLong(random.nextLong());
            case DataType.Float32 ignored -> builder.appendFloat((float) random.nextDouble(-1e6, 1e6));
            case DataType.Float64 ignored -> builder.appendDouble(random.nextDouble(-1e9, 1e9) * Math.pow(10, random.nextInt(-5, 6)));
            case DataType.Date ignored -> builder.appendInt(random.nextInt(-30_000, 60_000));
            case DataType.Timestamp ignored -> builder.appendLong(random.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L));
            case DataType.Decimal decimal -> {
                BigInteger unscaled = new BigInteger(decimal.precision() * 3, new java.util.Random(random.nextLong()))
                        .mod(BigInteger.TEN.pow(decimal.precision()));
                builder.appendDecimal(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), decimal.scale()));
            }
            case DataType.Varchar ignored -> builder.appendString(randomString(random, awkward));
        }
    }

    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 _-";
    private static final String AWKWARD = PLAIN + ",|\t\"\n\r'éß漢";

    static String randomString(SplittableRandom random, boolean awkward) {
        if (random.nextInt(20) == 0) {
            return awkward ? "" : "x";
        }
        String alphabet = awkward ? AWKWARD : PLAIN;
        int length = random.nextInt(1, 30);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (!awkward) {
            // a leading or trailing space is kept, but a repeated value makes dictionaries appear too
            return random.nextInt(3) == 0 ? "repeated" + random.nextInt(5) : text.toString();
        }
        return text.toString();
    }

    /** Every value of both tables, compared row by row as plain Java objects. */
    static void assertSameValues(Table expected, Table actual) {
        org.assertj.core.api.Assertions.assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        org.assertj.core.api.Assertions.assertThat(actual.schema().fields().stream().map(Field::type).toList())
                .isEqualTo(expected.schema().fields().stream().map(Field::type).toList());
        for (int c = 0; c < expected.schema().size(); c++) {
            var left = expected.column(c).view();
            var right = actual.column(c).view();
            for (long row = 0; row < expected.rowCount(); row++) {
                Object want = left.getObject(row);
                Object got = right.getObject(row);
                if (want == null ? got != null : !want.equals(got)) {
                    throw new AssertionError("column " + expected.schema().field(c).name() + ", row " + row + ": expected "
                            + want + " but read " + got);
                }
            }
        }
    }
}
