package dev.forge.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.engine.TestTables;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableStatistics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Statistics against a straightforward reference (boxed values in a HashSet, sorted), on seeded random data. */
@ExtendWith(NativeLeakCheck.class)
class TableStatisticsCalculatorTest {
    private static final List<Field> FIELDS = List.of(Field.required("id", DataType.INT64),
            Field.nullable("small", DataType.INT32), Field.nullable("wide", DataType.INT64),
            Field.nullable("price", DataType.decimal(12, 2)), Field.nullable("huge", DataType.decimal(30, 3)),
            Field.nullable("ratio", DataType.FLOAT64), Field.nullable("day", DataType.DATE),
            Field.nullable("flag", DataType.BOOLEAN), Field.nullable("word", DataType.VARCHAR),
            Field.nullable("ratio32", DataType.FLOAT32));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 1023, 1024, 1025, 40_000})
    void everyColumnMatchesTheReference(int rows) {
        try (Table table = TestTables.of(FIELDS, randomRows(rows, new Random(rows)))) {
            TableStatistics statistics = TableStatisticsCalculator.compute(table);
            assertThat(statistics.rowCount()).isEqualTo(rows);
            for (int c = 0; c < FIELDS.size(); c++) {
                assertThat(statistics.columns().get(c)).as(FIELDS.get(c).name() + " at " + rows + " rows")
                        .isEqualTo(reference(table.column(c).view()));
            }
            assertThat(statistics.uniqueKeys()).contains(List.of(0));
        }
    }

    private static List<List<Object>> randomRows(int count, Random random) {
        String[] words = {"apple", "Apple", "banana", "", "ñandú", "zebra", "a", "ab"};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i * 7 - 1000);
            row.add(random.nextInt(10) == 0 ? null : random.nextInt(500) - 250);
            row.add(random.nextInt(10) == 0 ? null : random.nextLong() >> random.nextInt(40));
            row.add(random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000) - 500_000, 2));
            row.add(random.nextInt(10) == 0 ? null
                    : new BigDecimal(new java.math.BigInteger(90, random), 3).subtract(BigDecimal.ONE.scaleByPowerOfTen(20)));
            row.add(switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> Double.NaN;
                case 2 -> -0.0;
                case 3 -> 0.0;
                default -> (double) (random.nextInt(2000) - 1000) / 8;
            });
            row.add(random.nextInt(10) == 0 ? null : LocalDate.of(1992, 1, 1).plusDays(random.nextInt(2500)));
            row.add(random.nextInt(10) == 0 ? null : random.nextBoolean());
            row.add(random.nextInt(10) == 0 ? null
                    : random.nextBoolean() ? words[random.nextInt(words.length)] : "w" + random.nextInt(count + 1));
            row.add(random.nextInt(10) == 0 ? null : random.nextInt(3) == 0 ? Float.NaN : (float) random.nextInt(50));
            rows.add(row);
        }
        return rows;
    }

    /** The statistics the slow, obvious way. */
    private static ColumnStatistics reference(ColumnView view) {
        Set<Object> distinct = new HashSet<>();
        List<Object> values = new ArrayList<>();
        long nulls = 0;
        for (long row = 0; row < view.length(); row++) {
            Object value = view.getObject(row);
            if (value == null) {
                nulls++;
                continue;
            }
            Object normalised = switch (value) {
                case Double number when number == 0.0 -> 0.0;
                case Float number when number == 0.0f -> 0.0f;
                case BigDecimal number -> number.stripTrailingZeros();
                default -> value;
            };
            distinct.add(normalised);
            values.add(value);
        }
        if (values.isEmpty()) {
            return new ColumnStatistics(nulls, 0, null, null);
        }
        Comparator<Object> order = (a, b) -> switch (a) {
            case String text -> compareUtf8(text, (String) b);
            case Double number -> number == 0.0 && (Double) b == 0.0 ? 0 : Double.compare(number, (Double) b);
            case Float number -> number == 0.0f && (Float) b == 0.0f ? 0 : Float.compare(number, (Float) b);
            default -> compareComparable(a, b);
        };
        Object min = values.stream().min(order).orElseThrow();
        Object max = values.stream().max(order).orElseThrow();
        return new ColumnStatistics(nulls, distinct.size(), min, max);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareComparable(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void zeroSignIsNotADistinctValue() {
        List<Field> fields = List.of(Field.nullable("f", DataType.FLOAT64));
        try (Table table = TestTables.of(fields, List.of(List.of(-0.0), List.of(0.0), List.of(Double.NaN),
                List.of(Double.longBitsToDouble(0x7ff8000000000001L))))) {
            ColumnStatistics column = TableStatisticsCalculator.compute(table).columns().getFirst();
            assertThat(column.distinctCount()).isEqualTo(2);
            assertThat((Double) column.max()).isNaN();
            assertThat((Double) column.min()).isEqualTo(0.0);
        }
    }

    @Test
    void plainAndDictionaryStringsGiveTheSameStatistics() {
        List<String> words = List.of("pear", "apple", "ñ", "", "apple", "zz", "pear");
        try (ColumnBuilder plain = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN);
                ColumnBuilder dictionary = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.DICTIONARY)) {
            for (String word : words) {
                plain.appendString(word);
                dictionary.appendString(word);
            }
            plain.appendNull();
            dictionary.appendNull();
            try (var plainColumn = plain.build(); var dictionaryColumn = dictionary.build()) {
                ColumnStatistics fromPlain = ColumnStatisticsCalculator.compute(plainColumn.view());
                ColumnStatistics fromDictionary = ColumnStatisticsCalculator.compute(dictionaryColumn.view());
                assertThat(fromPlain).isEqualTo(fromDictionary);
                assertThat(fromPlain).isEqualTo(new ColumnStatistics(1, 5, "", "ñ"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void plainStringsCountedByPartitionMatchTheReference(int bits) {
        Random random = new Random(bits);
        try (ColumnBuilder plain = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN)) {
            for (int row = 0; row < 20_000; row++) {
                if (random.nextInt(15) == 0) {
                    plain.appendNull();
                } else { // about 4,000 distinct strings, each drawn several times, of 0 to 20 bytes
                    int word = random.nextInt(4_000);
                    plain.appendString((word % 7 == 0 ? "ñ" : "") + Integer.toString(word, 3).repeat(word % 3));
                }
            }
            try (var column = plain.build()) {
                assertThat(ColumnStatisticsCalculator.plainStringsByPartition(column.view(), bits))
                        .isEqualTo(reference(column.view()))
                        .isEqualTo(ColumnStatisticsCalculator.plainStringsInOnePass(column.view()));
            }
        }
    }

    @Test
    void aColumnWithOneDuplicateOrOneNullIsNoKey() {
        List<Field> fields = List.of(Field.nullable("a", DataType.INT32), Field.nullable("b", DataType.INT32),
                Field.required("c", DataType.INT32));
        List<List<Object>> rows = List.of(List.of(1, 1, 5), List.of(2, 2, 5), java.util.Arrays.asList(null, 3, 6),
                List.of(4, 3, 6));
        try (Table table = TestTables.of(fields, rows)) {
            TableStatistics statistics = TableStatisticsCalculator.compute(table);
            assertThat(statistics.uniqueKeys()).isEmpty();
            assertThat(statistics.columns().get(0).distinctCount()).isEqualTo(3);
        }
    }

    @Test
    void aPairIsAKeyOnlyWhenEveryPairOfValuesIsUnique() {
        List<Field> fields = List.of(Field.required("order", DataType.INT64), Field.required("line", DataType.INT32),
                Field.required("qty", DataType.INT32));
        List<List<Object>> unique = List.of(List.of(1L, 1, 9), List.of(1L, 2, 9), List.of(2L, 1, 9), List.of(2L, 2, 8));
        try (Table table = TestTables.of(fields, unique)) {
            assertThat(TableStatisticsCalculator.compute(table).uniqueKeys()).containsExactly(List.of(0, 1));
        }
        List<List<Object>> repeated = List.of(List.of(1L, 1, 9), List.of(1L, 2, 8), List.of(2L, 1, 9),
                List.of(1L, 2, 8));
        try (Table table = TestTables.of(fields, repeated)) {
            assertThat(TableStatisticsCalculator.compute(table).uniqueKeys()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 6})
    void aPairCheckedByPartitionIsAKeyUntilOnePairRepeats(int bits) {
        // orders and their line numbers, as lineitem's key, in a shuffled order
        List<List<Object>> rows = new ArrayList<>();
        for (long order = 0; order < 3_000; order++) {
            for (int line = 1; line <= 1 + order % 7; line++) {
                rows.add(List.of(order * 32, line));
            }
        }
        java.util.Collections.shuffle(rows, new Random(bits));
        List<Field> fields = List.of(Field.required("order", DataType.INT64), Field.required("line", DataType.INT32));
        try (Table table = TestTables.of(fields, rows)) {
            assertThat(TableStatisticsCalculator.pairIsUniqueByPartition(table.column(0).view(),
                    table.column(1).view(), bits)).isTrue();
        }
        rows.set(rows.size() / 2, rows.get(17)); // one pair twice
        try (Table table = TestTables.of(fields, rows)) {
            assertThat(TableStatisticsCalculator.pairIsUniqueByPartition(table.column(0).view(),
                    table.column(1).view(), bits)).isFalse();
            assertThat(TableStatisticsCalculator.pairIsUniqueInOnePass(table.column(0).view(),
                    table.column(1).view())).isFalse();
        }
    }

    @Test
    void tpchKeysAreFoundAndForeignKeysAreNot() throws Exception {
        TpchGenerator generator = new TpchGenerator(0.01, 2, ProgressListener.NONE);
        try (Table orders = generator.generate("orders"); Table lineitem = generator.generate("lineitem")) {
            TableStatistics orderStatistics = TableStatisticsCalculator.compute(orders);
            assertThat(orderStatistics.uniqueKeys()).contains(List.of(0)).doesNotContain(List.of(1));
            TableStatistics lineStatistics = TableStatisticsCalculator.compute(lineitem);
            // l_orderkey is not unique (declaring it so made TPC-H Q4 and Q21 wrong in Calcite)
            assertThat(lineStatistics.uniqueKeys()).doesNotContain(List.of(0)).contains(List.of(0, 3));
            assertThat(lineStatistics.columns().get(0).distinctCount()).isEqualTo(orders.rowCount());
            assertThat(lineStatistics.columns().get(3).max()).isEqualTo(7);
        }
    }
}
