package dev.forge.columnar.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.ColumnView;
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

@ExtendWith(NativeLeakCheck.class)
class NdjsonReaderTest {
    @TempDir
    Path folder;

    @Test
    void randomTablesReadBackThroughJsonText() throws Exception {
        for (NullPattern nulls : NullPattern.values()) {
            Schema schema = RandomTables.schema(nulls);
            try (Table written = RandomTables.table(schema, 2000, 99 + nulls.ordinal(), nulls, true)) {
                Path path = folder.resolve("t" + nulls + ".ndjson");
                Files.writeString(path, toJsonLines(written));
                ReadResult read = NdjsonReader.create().schema(schema).read(path);
                try (Table table = read.table()) {
                    RandomTables.assertSameValues(written, table);
                }
            }
        }
    }

    /** Numbers and booleans bare, everything else quoted; nulls as JSON null or, every third row, left out. */
    private static String toJsonLines(Table table) {
        StringBuilder text = new StringBuilder();
        for (long row = 0; row < table.rowCount(); row++) {
            text.append('{');
            boolean first = true;
            for (int c = 0; c < table.schema().size(); c++) {
                ColumnView view = table.column(c).view();
                if (view.isNull(row) && row % 3 == 0) {
                    continue;
                }
                text.append(first ? "" : ", ").append('"').append(table.schema().field(c).name()).append("\": ");
                first = false;
                if (view.isNull(row)) {
                    text.append("null");
                    continue;
                }
                String value = TextFormatting.format(view, row);
                boolean bare = switch (view.type()) {
                    case DataType.Date ignored -> false;
                    case DataType.Timestamp ignored -> false;
                    case DataType.Varchar ignored -> false;
                    default -> true;
                };
                text.append(bare ? value : quote(value));
            }
            text.append("}\n");
        }
        return text.toString();
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    @Test
    void inferredTypesAndNestedValuesAsJsonText() throws Exception {
        Path path = folder.resolve("events.json");
        Files.writeString(path, """
                {"id": 1, "price": 9.5, "when": "2024-03-01", "ok": true, "tags": ["a", "b"], "who": {"name": "x"}}
                {"id": 3000000000, "price": 10.25, "when": "2024-03-02", "ok": false, "code": "007"}

                {"id": 3, "price": null, "when": "2024-03-03", "tags": []}
                """);
        try (Table table = NdjsonReader.create().read(path).table()) {
            assertThat(table.schema().fields().stream().map(Field::name).toList())
                    .containsExactly("id", "price", "when", "ok", "tags", "who", "code");
            assertThat(table.schema().fields().stream().map(Field::type).toList()).containsExactly(DataType.INT64,
                    DataType.decimal(18, 2), DataType.DATE, DataType.BOOLEAN, DataType.VARCHAR, DataType.VARCHAR,
                    DataType.VARCHAR);
            assertThat(table.rowCount()).isEqualTo(3);
            assertThat(table.column("tags").view().getString(0)).isEqualTo("[\"a\", \"b\"]");
            assertThat(table.column("who").view().getString(0)).isEqualTo("{\"name\": \"x\"}");
            assertThat(table.column("code").view().getString(1)).isEqualTo("007");
            assertThat(table.column("price").view().isNull(2)).isTrue();
            assertThat(table.column("ok").view().isNull(2)).isTrue();
        }
    }

    @Test
    void badLinesNameLineAndColumnOrAreSkipped() throws Exception {
        Path path = folder.resolve("bad.ndjson");
        Files.writeString(path, "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"x\"}\n{\"a\" 4}\n{\"a\": 5}\n");
        Schema schema = Schema.of(Field.nullable("a", DataType.INT32));
        assertThatThrownBy(() -> NdjsonReader.create().schema(schema).read(path))
                .isInstanceOf(BadInputException.class)
                .hasMessage(path + ":3, column 7: 'x' is not a INT32 ('x' is not a digit) for key 'a'");
        ReadResult skipping = NdjsonReader.create().schema(schema).badRows(BadRowPolicy.SKIP).read(path);
        try (Table table = skipping.table()) {
            assertThat(skipping.skippedRows()).isEqualTo(2);
            assertThat(List.of(table.column(0).view().getInt(0), table.column(0).view().getInt(2))).containsExactly(1, 5);
            assertThat(skipping.firstSkipped().get(1)).startsWith(path + ":4, column 6: expected ':'");
        }
    }

    @Test
    void linesSpreadOverThreadsKeepTheirOrderAndLineNumbers() throws Exception {
        Path path = folder.resolve("many.ndjson");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 45_000; i++) {
            text.append("{\"n\": ").append(i).append(", \"s\": \"v").append(i % 13).append("\"}\n");
        }
        Files.writeString(path, text);
        try (Table table = NdjsonReader.create().threads(3).read(path).table()) {
            assertThat(table.rowCount()).isEqualTo(45_000);
            for (int row = 0; row < 45_000; row++) {
                assertThat(table.column("n").view().getInt(row)).isEqualTo(row + 1);
                assertThat(table.column("s").view().getString(row)).isEqualTo("v" + (row + 1) % 13);
            }
        }
        Files.writeString(path, text.toString().replace("{\"n\": 30001,", "{\"n\": x,"));
        assertThatThrownBy(() -> NdjsonReader.create().threads(3).read(path))
                .hasMessageStartingWith(path + ":30001, column 7: expected a value");
    }
}
