package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The error codes and the column layout the CUDA headers and the Java side must agree on. */
class ParseErrorCodesTest {
    private static final Pattern ENUM_ENTRY = Pattern.compile("^\\s*TEXT_([A-Z_0-9]+) = (\\d+),", Pattern.MULTILINE);

    private static Map<String, Integer> entries(String header) throws Exception {
        String source = Files.readString(Path.of("src/main/cuda", header));
        Map<String, Integer> entries = new LinkedHashMap<>();
        Matcher entry = ENUM_ENTRY.matcher(source);
        while (entry.find()) {
            entries.put(entry.group(1), Integer.parseInt(entry.group(2)));
        }
        return entries;
    }

    @Test
    void parseErrorHasTheCodesOfTextError() throws Exception {
        Map<String, Integer> codes = entries("text_fields.cuh");
        Map<String, Integer> java = new LinkedHashMap<>();
        for (ParseError error : ParseError.values()) {
            java.put(error.name(), error.ordinal());
        }
        assertThat(codes).containsExactlyEntriesOf(java);
    }

    @Test
    void theLayoutMatchesTheHeader() throws Exception {
        String header = Files.readString(Path.of("src/main/cuda/text_rows.cuh"));
        assertThat(header).contains("TEXT_MAX_COLUMNS = " + DeviceTextColumns.MAX_COLUMNS + ";")
                .contains("TEXT_MAX_NAME_BYTES = " + DeviceTextColumns.MAX_NAME_BYTES + ";")
                .contains("sizeof(TextColumn) == " + DeviceTextColumns.COLUMN_BYTES)
                .contains("sizeof(TextColumns) == " + DeviceTextColumns.BYTES)
                .contains("TEXT_WHOLE_ROW = " + ParseErrors.WHOLE_ROW + ";");
        Map<String, Integer> types = entries("text_rows.cuh");
        assertThat(types.keySet()).containsExactly("INT32", "INT64", "DECIMAL64", "FLOAT64", "DATE", "VARCHAR");
        for (String type : types.keySet()) {
            // DeviceTextColumns names each type code by the same word
            String source = Files.readString(Path.of(
                    "src/main/java/dev/forge/bench/experiments/cases/DeviceTextColumns.java"));
            assertThat(source).as(type).contains("private static final int " + type.toUpperCase(Locale.ROOT) + " = "
                    + types.get(type) + ";");
        }
    }
}
