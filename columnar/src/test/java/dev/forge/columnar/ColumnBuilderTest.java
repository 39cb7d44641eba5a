package dev.forge.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.LeakTracker;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builders, columns and tables: values read back, dictionaries sorted, bad input named, memory freed. */
@ExtendWith(NativeLeakCheck.class)
class ColumnBuilderTest {

    @ParameterizedTest
    @EnumSource(NullPattern.class)
    void appendedValuesReadBackThroughTheView(NullPattern nulls) {
        SplittableRandom random = new SplittableRandom(8);
        int rows = 3000; // grows the initial 16-row buffers many times
        long[] expected = new long[rows];
        boolean[] isNull = new boolean[rows];
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.INT64, 16)) {
            for (int row = 0; row < rows; row++) {
                isNull[row] = nulls.isNull(row, rows, random);
                if (isNull[row]) {
                    builder.appendNull();
                } else {
                    expected[row] = random.nextLong();
                    builder.appendLong(expected[row]);
                }
            }
            try (Column column = builder.build()) {
                ColumnView view = column.view();
                long nullCount = 0;
                for (int row = 0; row < rows; row++) {
                    assertThat(view.isNull(row)).isEqualTo(isNull[row]);
                    if (!isNull[row]) {
                        assertThat(view.getLong(row)).isEqualTo(expected[row]);
                    } else {
                        nullCount++;
                    }
                }
                assertThat(column.nullCount()).isEqualTo(nullCount);
                assertThat(view.validity() == null).isEqualTo(nullCount == 0);
                assertThat(view.values().address() % 64).isZero();
            }
        }
    }

    @Test
    void everyTypeHasItsAccessor() {
        try (Column booleans = ColumnBuilder.of(DataType.BOOLEAN).appendBoolean(true).appendBoolean(false).build();
                Column ints = ColumnBuilder.of(DataType.INT32).appendInt(-5).build();
                Column dates = ColumnBuilder.of(DataType.DATE).appendInt(19_000).build();
                Column timestamps = ColumnBuilder.of(DataType.TIMESTAMP).appendLong(1_700_000_000_000_123L).build();
                Column floats = ColumnBuilder.of(DataType.FLOAT32).appendFloat(1.5f).build();
                Column doubles = ColumnBuilder.of(DataType.FLOAT64).appendDouble(-2.25).build();
                Column smallDecimals = ColumnBuilder.of(DataType.decimal(10, 2)).appendDecimal(new BigDecimal("-123.4")).build();
                Column wideDecimals = ColumnBuilder.of(DataType.decimal(38, 6))
                        .appendDecimal(new BigDecimal("-12345678901234567890123456.000001")).build();
                Column strings = ColumnBuilder.of(DataType.VARCHAR).appendString("grüße").build()) {
            assertThat(booleans.view().getBoolean(0)).isTrue();
            assertThat(booleans.view().getBoolean(1)).isFalse();
            assertThat(ints.view().getInt(0)).isEqualTo(-5);
            assertThat(dates.view().getInt(0)).isEqualTo(19_000);
            assertThat(timestamps.view().getLong(0)).isEqualTo(1_700_000_000_000_123L);
            assertThat(floats.view().getFloat(0)).isEqualTo(1.5f);
            assertThat(doubles.view().getDouble(0)).isEqualTo(-2.25);
            assertThat(smallDecimals.view().getLong(0)).isEqualTo(-12340);
            assertThat(smallDecimals.view().getDecimal(0)).isEqualTo(new BigDecimal("-123.40"));
            assertThat(wideDecimals.view().physicalType()).isEqualTo(PhysicalType.INT128);
            assertThat(wideDecimals.view().getDecimal(0)).isEqualTo(new BigDecimal("-12345678901234567890123456.000001"));
            assertThat(strings.view().getString(0)).isEqualTo("grüße");
        }
    }

    @Test
    void datesAndTimestampsConvertFromAndToJavaTime() {
        LocalDate[] dates = {LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(1998, 12, 1)};
        Instant[] instants = {Instant.parse("1995-03-15T10:20:30.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z")};
        try (ColumnBuilder dateBuilder = ColumnBuilder.of(DataType.DATE);
                ColumnBuilder timestampBuilder = ColumnBuilder.of(DataType.TIMESTAMP)) {
            for (LocalDate date : dates) {
                dateBuilder.appendDate(date);
            }
            for (Instant instant : instants) {
                timestampBuilder.appendTimestamp(instant);
            }
            try (Column dateColumn = dateBuilder.build(); Column timestampColumn = timestampBuilder.build()) {
                assertThat(dateColumn.view().getInt(1)).isEqualTo(-1);
                assertThat(dateColumn.view().getInt(2)).isEqualTo((int) LocalDate.of(1998, 12, 1).toEpochDay());
                for (int i = 0; i < dates.length; i++) {
                    assertThat(dateColumn.view().getDate(i)).isEqualTo(dates[i]);
                }
                assertThat(timestampColumn.view().getLong(1)).isEqualTo(-1);
                for (int i = 0; i < instants.length; i++) {
                    assertThat(timestampColumn.view().getTimestamp(i)).isEqualTo(instants[i]);
                }
            }
        }
    }

    @Test
    void repetitiveStringsBecomeASortedDictionaryWhoseCodesOrderLikeTheStrings() {
        String[] words = {"pear", "Äpfel", "apple", "", "zebra", "\uD83D\uDE80 rocket", "\uFFFD replacement", "apple"};
        SplittableRandom random = new SplittableRandom(4);
        List<String> appended = new ArrayList<>();
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR)) {
            for (int row = 0; row < 500; row++) {
                String word = words[random.nextInt(words.length)];
                appended.add(word);
                builder.appendString(word);
            }
            try (Column column = builder.build()) {
                ColumnView view = column.view();
                assertThat(view.stringLayout()).isEqualTo(StringLayout.DICTIONARY);
                List<String> dictionary = new ArrayList<>();
                for (int code = 0; code < view.dictionary().length(); code++) {
                    dictionary.add(view.dictionary().getString(code));
                }
                // UTF-8 byte order is code point order: the rocket (U+1F680) sorts after U+FFFD, unlike in UTF-16.
                List<String> byBytes = new ArrayList<>(new TreeSet<>(appended));
                byBytes.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
                assertThat(dictionary).containsExactlyElementsOf(byBytes);
                for (int row = 0; row < appended.size(); row++) {
                    assertThat(view.getString(row)).isEqualTo(appended.get(row));
                    assertThat(dictionary.get(view.getCode(row))).isEqualTo(appended.get(row));
                }
            }
        }
    }

    @Test
    void stringsThatEncodeToTheSameUtf8ShareOneDictionaryEntry() {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.DICTIONARY)) {
            builder.appendString("a\uD800").appendString("a?").appendString("b").appendString("a\uD800");
            try (Column column = builder.build()) {
                ColumnView view = column.view();
                assertThat(view.dictionary().length()).isEqualTo(2); // "a?" and "b"
                assertThat(view.getString(0)).isEqualTo("a?"); // a lone surrogate cannot be stored in UTF-8
                assertThat(view.getCode(0)).isEqualTo(view.getCode(1));
            }
        }
    }

    @Test
    void mostlyDistinctStringsStayPlain() {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR)) {
            for (int row = 0; row < 100; row++) {
                builder.appendString("row " + row);
            }
            try (Column column = builder.build()) {
                assertThat(column.view().stringLayout()).isEqualTo(StringLayout.PLAIN);
                assertThat(column.view().getString(42)).isEqualTo("row 42");
            }
        }
    }

    @Test
    void badAppendsSayWhatAndWhere() {
        try (ColumnBuilder ints = ColumnBuilder.of(DataType.INT32).appendInt(1)) {
            assertThatThrownBy(() -> ints.appendLong(2)).hasMessageContaining("appendLong on a INT32 column builder (row 1)");
        }
        try (ColumnBuilder decimals = ColumnBuilder.of(DataType.decimal(5, 2))) {
            assertThatThrownBy(() -> decimals.appendDecimal(new BigDecimal("1.234")))
                    .hasMessageContaining("more than 2 fractional digits for DECIMAL(5,2) (row 0)");
            assertThatThrownBy(() -> decimals.appendDecimal(new BigDecimal("1234.5")))
                    .hasMessageContaining("does not fit DECIMAL(5,2)");
        }
        assertThatThrownBy(() -> DataType.decimal(39, 0)).hasMessageContaining("DECIMAL(39,0) is invalid");
    }

    @Test
    void buildersAndColumnsFreeTheirMemory() {
        long mark = LeakTracker.mark();
        ColumnBuilder abandoned = ColumnBuilder.of(DataType.FLOAT64);
        abandoned.appendDouble(1).appendNull();
        assertThat(LeakTracker.liveSince(mark)).isNotEmpty();
        abandoned.close();
        Column column = ColumnBuilder.of(DataType.VARCHAR).appendString("a").appendString("a").appendNull().build();
        assertThat(column.view().stringLayout()).isEqualTo(StringLayout.DICTIONARY);
        column.close();
        assertThat(LeakTracker.liveSince(mark)).isEmpty();
        assertThatThrownBy(column::view).hasMessageContaining("already closed");
    }

    @Test
    void aTableRejectsColumnsThatDoNotMatchItsSchemaAndClosesThem() {
        long mark = LeakTracker.mark();
        Column ints = ColumnBuilder.of(DataType.INT32).appendInt(1).appendNull().build();
        Schema schema = Schema.of(Field.required("id", DataType.INT32));
        assertThatThrownBy(() -> new Table(schema, List.of(ints)))
                .hasMessageContaining("field 'id' is not nullable but its column has 1 nulls");
        assertThat(LeakTracker.liveSince(mark)).isEmpty();
    }
}
