package dev.forge.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.NativeLeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class ConcatenationTest {
    private static final int[] PART_LENGTHS = {0, 1, 7, 8, 9, 63, 64, 65, 1000, 3};

    @Test
    void partsOfOddLengthsKeepEveryValueAndNull() {
        for (DataType type : List.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT64,
                DataType.decimal(30, 3), DataType.VARCHAR)) {
            for (int nullEvery : new int[] {0, 1, 3}) {
                List<Column> parts = new ArrayList<>();
                List<Object> expected = new ArrayList<>();
                SplittableRandom random = new SplittableRandom(type.hashCode() * 31L + nullEvery);
                try {
                    for (int p = 0; p < PART_LENGTHS.length; p++) {
                        // alternate dictionary and plain string parts, and parts with and without nulls
                        parts.add(part(type, PART_LENGTHS[p], p % 2 == 0 ? nullEvery : 0, random, expected, p % 3 == 0));
                    }
                    try (Column joined = Concatenation.columns(type, parts)) {
                        assertThat(joined.length()).isEqualTo(expected.size());
                        for (int row = 0; row < expected.size(); row++) {
                            assertThat(joined.view().getObject(row)).as("%s row %d", type, row).isEqualTo(expected.get(row));
                        }
                        assertThat(joined.nullCount()).isEqualTo(expected.stream().filter(value -> value == null).count());
                    }
                } finally {
                    parts.forEach(Column::close);
                }
            }
        }
    }

    private static Column part(DataType type, int length, int nullEvery, SplittableRandom random, List<Object> expected,
            boolean dictionary) {
        try (ColumnBuilder builder = ColumnBuilder.of(type)) {
            if (type instanceof DataType.Varchar) {
                builder.stringLayout(dictionary ? StringLayout.DICTIONARY : StringLayout.PLAIN);
            }
            for (int i = 0; i < length; i++) {
                if (nullEvery > 0 && i % nullEvery == 0) {
                    builder.appendNull();
                    expected.add(null);
                    continue;
                }
                switch (type) {
                    case DataType.Boolean ignored -> builder.appendBoolean(random.nextBoolean());
                    case DataType.Int32 ignored -> builder.appendInt(random.nextInt());
                    case DataType.Int64 ignored -> builder.appendLong(random.nextLong());
                    case DataType.Float64 ignored -> builder.appendDouble(random.nextDouble(-5, 5));
                    case DataType.Decimal ignored -> builder.appendDecimal(new java.math.BigDecimal(
                            java.math.BigInteger.valueOf(random.nextLong()).multiply(java.math.BigInteger.valueOf(977)), 3));
                    default -> builder.appendString("s" + random.nextInt(12));
                }
                expected.add("filled in from the built part below");
            }
            Column column = builder.build();
            for (int i = 0; i < length; i++) {
                if (!(nullEvery > 0 && i % nullEvery == 0)) {
                    expected.set(expected.size() - length + i, column.view().getObject(i));
                }
            }
            return column;
        }
    }

    @Test
    void mismatchedTypesAreRefused() {
        try (Column ints = ColumnBuilder.of(DataType.INT32).appendInt(5).build()) {
            assertThatThrownBy(() -> Concatenation.columns(DataType.INT64, List.of(ints)))
                    .hasMessageContaining("cannot concatenate a INT32 column to a INT64 one");
        }
    }
}
