package dev.forge.columnar.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.RandomTables.NullPattern;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(NativeLeakCheck.class)
class DelimitedRoundTripTest {
    @TempDir
    Path folder;

    enum Format {
        CSV(DelimitedFormat.csv(), "t.csv", true),
        TSV(DelimitedFormat.tsv(), "t.tsv", true),
        TBL(DelimitedFormat.tbl(), "t.tbl", false);

        final DelimitedFormat format;
        final String file;
        final boolean awkwardStrings;

        Format(DelimitedFormat format, String file, boolean awkwardStrings) {
            this.format = format;
            this.file = file;
            this.awkwardStrings = awkwardStrings;
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyTypeAndNullPatternReadsBackUnchanged(Format format) throws Exception {
        for (NullPattern nulls : NullPattern.values()) {
            Schema schema = RandomTables.schema(nulls);
            for (int rows : new int[] {0, 1, 1023, 5000}) {
                try (Table written = RandomTables.table(schema, rows, 42 + rows + nulls.ordinal(), nulls,
                        format.awkwardStrings)) {
                    Path path = folder.resolve(format.file);
                    DelimitedWriter.of(format.format).write(written, path);
                    // tiny chunks: the file is cut in many places, inside quoted fields too
                    ReadResult read = DelimitedReader.of(format.format).schema(schema).chunkBytes(997).threads(3).read(path);
                    try (Table table = read.table()) {
                        assertThat(read.skippedRows()).isZero();
                        RandomTables.assertSameValues(written, table);
                    }
                }
            }
        }
    }

    @Test
    void inferenceFindsEachTypeAndTheHeader() throws Exception {
        Path path = folder.resolve("typed.csv");
        Files.writeString(path, """
                flag,small,big,price,ratio,day,moment,name
                true,1,3000000000,1.5,1e3,2024-02-29,2024-02-29 13:45:01.25,"Smith, Jane"
                false,-7,12,-0.25,2.5E-1,1970-01-01,1999-12-31T23:59:59,plain
                ,,,,,,,
                """);
        try (Table table = DelimitedReader.of(DelimitedFormat.csv()).read(path).table()) {
            assertThat(table.schema().fields().stream().map(Field::type).toList()).containsExactly(DataType.BOOLEAN,
                    DataType.INT32, DataType.INT64, DataType.decimal(18, 2), DataType.FLOAT64, DataType.DATE,
                    DataType.TIMESTAMP, DataType.VARCHAR);
            assertThat(table.schema().fields().stream().map(Field::name).toList())
                    .containsExactly("flag", "small", "big", "price", "ratio", "day", "moment", "name");
            assertThat(table.rowCount()).isEqualTo(3);
            assertThat(table.column("price").view().getLong(1)).isEqualTo(-25);
            assertThat(table.column("ratio").view().getDouble(0)).isEqualTo(1000.0);
            assertThat(table.column("day").view().getInt(0)).isEqualTo(19782);
            assertThat(table.column("moment").view().getLong(0)).isEqualTo(1709214301_250000L);
            assertThat(table.column("name").view().getString(0)).isEqualTo("Smith, Jane");
            assertThat(table.column("name").view().isNull(2)).isTrue();
        }
    }

    @Test
    void tblLinesEndingWithTheDelimiterHaveNoExtraColumn() throws Exception {
        Path path = folder.resolve("region.tbl");
        Files.writeString(path, "0|AFRICA|lar deposits|\n1|AMERICA|hs use ironic|\n2|ASIA||\n");
        try (Table table = DelimitedReader.of(DelimitedFormat.tbl()).read(path).table()) {
            assertThat(table.schema().size()).isEqualTo(3);
            assertThat(table.schema().field(0).type()).isEqualTo(DataType.INT32);
            assertThat(table.column(1).view().getString(2)).isEqualTo("ASIA");
            assertThat(table.column(2).view().isNull(2)).isTrue();
        }
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineEnds() throws Exception {
        Path path = folder.resolve("quoted.csv");
        Files.writeString(path, "id,text\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\"\"\r\n5,\r\n");
        try (Table table = DelimitedReader.of(DelimitedFormat.csv()).read(path).table()) {
            var text = table.column("text").view();
            assertThat(List.of(text.getString(0), text.getString(1), text.getString(2), text.getString(3)))
                    .containsExactly("a,b", "say \"hi\"", "two\nlines", "");
            assertThat(text.isNull(4)).isTrue();
        }
    }

    @Test
    void aBadRowFailsNamingFileLineAndColumn() throws Exception {
        Path path = folder.resolve("bad.csv");
        StringBuilder text = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 3000; i++) {
            text.append(i).append(',').append(i == 2500 ? "12x.5" : i + ".25").append('\n');
        }
        Files.writeString(path, text);
        assertThatThrownBy(() -> DelimitedReader.of(DelimitedFormat.csv()).chunkBytes(1000).read(path))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(path + ":2501, column 2")
                .hasMessageContaining("'12x.5' is not a DECIMAL(18,2)")
                .satisfies(failure -> {
                    BadInputException bad = (BadInputException) failure;
                    assertThat(bad.line()).isEqualTo(2501);
                    assertThat(bad.column()).isEqualTo(2);
                });
    }

    @Test
    void skippedRowsAreCountedAndNamed() throws Exception {
        Path path = folder.resolve("skips.tbl");
        StringBuilder text = new StringBuilder();
        int expectedSkips = 0;
        for (int i = 1; i <= 4000; i++) {
            if (i % 97 == 0) {
                text.append(i).append("|oops|\n");
                expectedSkips++;
            } else if (i % 131 == 0) {
                text.append(i).append("|1994-01-01|extra|\n");
                expectedSkips++;
            } else {
                text.append(i).append("|1994-02-").append(10 + i % 10).append("|\n");
            }
        }
        Files.writeString(path, text);
        Schema schema = Schema.of(Field.required("id", DataType.INT32), Field.required("day", DataType.DATE));
        ReadResult read = DelimitedReader.of(DelimitedFormat.tbl()).schema(schema).badRows(BadRowPolicy.SKIP)
                .chunkBytes(500).read(path);
        try (Table table = read.table()) {
            assertThat(read.skippedRows()).isEqualTo(expectedSkips);
            assertThat(table.rowCount()).isEqualTo(4000 - expectedSkips);
            assertThat(read.firstSkipped().getFirst()).isEqualTo(path + ":97, column 2: 'oops' is not a DATE"
                    + " (not a yyyy-mm-dd date) for column 'day'");
            assertThat(read.firstSkipped()).anySatisfy(message -> assertThat(message)
                    .startsWith(path + ":131, column 3: has 3 fields, expected 2"));
            for (long row = 0; row < table.rowCount(); row++) {
                int id = table.column("id").view().getInt(row);
                assertThat(id % 97 != 0 && id % 131 != 0).isTrue();
            }
        }
    }

    @Test
    void anUnclosedQuoteIsABadRow() throws Exception {
        Path path = folder.resolve("open.csv");
        Files.writeString(path, "a,b\n1,\"x\n2,y\n");
        assertThatThrownBy(() -> DelimitedReader.of(DelimitedFormat.csv()).read(path))
                .isInstanceOf(BadInputException.class).hasMessageContaining(":2").hasMessageContaining("not closed");
    }

    @Test
    void headerDetectionWhenEveryColumnIsText() throws Exception {
        Path named = folder.resolve("named.csv");
        Files.writeString(named, "city,country\nParis,France\nLyon,France\n");
        Path unnamed = folder.resolve("unnamed.csv");
        Files.writeString(unnamed, "Paris,France\nLyon,France\n");
        try (Table withHeader = DelimitedReader.of(DelimitedFormat.csv()).read(named).table();
                Table without = DelimitedReader.of(DelimitedFormat.csv()).read(unnamed).table()) {
            assertThat(withHeader.schema().field(0).name()).isEqualTo("city");
            assertThat(withHeader.rowCount()).isEqualTo(2);
            // "France" repeats below the first row, so the first row is data
            assertThat(without.schema().field(0).name()).isEqualTo("column0");
            assertThat(without.rowCount()).isEqualTo(2);
        }
    }

    @Test
    void anExplicitSchemaSkipsAHeaderThatNamesItsColumnsAndAByteOrderMark() throws Exception {
        Path path = folder.resolve("bom.csv");
        Files.write(path, ("\uFEFFID,Amount\n1,2.5\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Schema schema = Schema.of(Field.required("id", DataType.INT64), Field.nullable("amount", DataType.decimal(10, 3)));
        try (Table table = DelimitedReader.of(DelimitedFormat.csv()).schema(schema).read(path).table()) {
            assertThat(table.rowCount()).isEqualTo(1);
            assertThat(table.column("amount").view().getLong(0)).isEqualTo(2500);
        }
    }

    @Test
    void anEmptyFileIsAnEmptyTable() throws Exception {
        Path path = Files.writeString(folder.resolve("empty.csv"), "");
        try (Table table = DelimitedReader.of(DelimitedFormat.csv()).read(path).table()) {
            assertThat(table.rowCount()).isZero();
        }
    }

    @Test
    void anExponentWithTwoSignsIsABadRowNotACrash() throws Exception {
        Path path = Files.writeString(folder.resolve("signs.csv"), "1e+5\n1e+-5\n");
        Schema schema = Schema.of(Field.required("x", DataType.FLOAT64));
        assertThatThrownBy(() -> DelimitedReader.of(DelimitedFormat.csv().withHeader(HeaderMode.ABSENT)).schema(schema)
                .read(path)).isInstanceOf(BadInputException.class).hasMessageContaining(path + ":2, column 1:")
                .hasMessageContaining("not a number");
    }

    @Test
    void anEmptyValueInARequiredColumnIsABadRow() throws Exception {
        Path path = Files.writeString(folder.resolve("required.tbl"), "1|a|\n|b|\n");
        Schema schema = Schema.of(Field.required("id", DataType.INT32), Field.required("name", DataType.VARCHAR));
        assertThatThrownBy(() -> DelimitedReader.of(DelimitedFormat.tbl()).schema(schema).read(path))
                .isInstanceOf(BadInputException.class)
                .hasMessage(path + ":2, column 1: empty value for column 'id', which is not nullable");
    }

    @Test
    void oneThreadAndManyReadTheSameTable() throws Exception {
        Schema schema = RandomTables.schema(NullPattern.SOME);
        try (Table written = RandomTables.table(schema, 20_000, 5, NullPattern.SOME, true)) {
            Path path = folder.resolve("many.csv");
            DelimitedWriter.of(DelimitedFormat.csv()).write(written, path);
            try (Table one = DelimitedReader.of(DelimitedFormat.csv()).threads(1).read(path).table();
                    Table many = DelimitedReader.of(DelimitedFormat.csv()).threads(4).chunkBytes(4096).read(path).table()) {
                assertThat(many.schema()).isEqualTo(one.schema());
                RandomTables.assertSameValues(one, many);
            }
        }
    }

    @Test
    void aStrayQuoteInsideAnUnquotedFieldIsTextAndDoesNotMisleadTheSplitter() throws Exception {
        Path path = folder.resolve("stray.csv");
        StringBuilder text = new StringBuilder("id,size,note\n");
        for (int i = 0; i < 3000; i++) {
            text.append(i).append(',').append(i % 7 == 0 ? "5\" screen" : "small").append(',')
                    .append(i % 11 == 0 ? "\"multi\nline, quoted\"" : "plain").append('\n');
        }
        Files.writeString(path, text);
        try (Table table = DelimitedReader.of(DelimitedFormat.csv()).chunkBytes(500).threads(3).read(path).table()) {
            assertThat(table.rowCount()).isEqualTo(3000);
            for (int i = 0; i < 3000; i++) {
                assertThat(table.column("id").view().getInt(i)).isEqualTo(i);
                assertThat(table.column("size").view().getString(i)).isEqualTo(i % 7 == 0 ? "5\" screen" : "small");
                assertThat(table.column("note").view().getString(i)).isEqualTo(i % 11 == 0 ? "multi\nline, quoted" : "plain");
            }
        }
    }
}
