package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse experiment's text: deterministic whatever the threads, within its size bound, and the same records in
 * both formats.
 */
class ParseTextTest {
    private static final long ROWS = 40_000;

    @TempDir
    Path folder;

    private static String generate(TextFormat format, long rows, int threads) {
        try (CpuWorkers workers = CpuWorkers.withThreads(threads); Arena arena = Arena.ofShared()) {
            MemorySegment text = ParseText.generate(format, rows, workers, arena::allocate);
            return new String(text.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTextIsTheSameForAnyThreadCountAndFitsItsBound() {
        for (TextFormat format : TextFormat.values()) {
            String one = generate(format, ROWS, 1);
            assertThat(generate(format, ROWS, 3)).isEqualTo(one);
            List<String> lines = one.lines().toList();
            assertThat(lines).hasSize((int) ROWS);
            assertThat(one).endsWith("\n");
            int longest = lines.stream().mapToInt(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).max()
                    .orElseThrow();
            assertThat((long) longest * ROWS).isLessThanOrEqualTo(ParseText.maxBytes(format, ROWS));
            assertThat(generate(format, 1_000, 2)).isEqualTo(String.join("\n", lines.subList(0, 1_000)) + "\n");
        }
    }

    @Test
    void theTextHoldsTheShapesTheReadersMustAccept() {
        String csv = generate(TextFormat.CSV, ROWS, 2);
        // prices: -0.00, trailing zeros dropped (12.5 and 12); rates with exponents; leap days; UTF-8 words
        assertThat(csv).contains(",-0.00,").containsPattern(",-?\\d+\\.\\d,")
                .containsPattern(",-?\\d+,-?[\\d.]+,\\d{4}-").containsPattern("\\de-\\d").contains("E-").contains("E+")
                .contains("-02-29,").contains("smörgåsbord");
        String json = generate(TextFormat.NDJSON, ROWS, 2);
        List<String> lines = json.lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("{ \"id\": "))
                .anyMatch(line -> line.startsWith("{\"id\":\""))
                .anyMatch(line -> !line.startsWith("{\"id\"") && !line.startsWith("{ "))
                .allMatch(line -> line.contains("\"word\":") || line.contains("\"word\": "));
    }

    @Test
    void bothFormatsReadToTheSameTable() throws Exception {
        try (CpuWorkers workers = CpuWorkers.withThreads(2); Arena arena = Arena.ofShared()) {
            Path csvFile = folder.resolve("records.csv");
            Path jsonFile = folder.resolve("records.ndjson");
            ParseText.writeFile(ParseText.generate(TextFormat.CSV, ROWS, workers, arena::allocate), csvFile);
            ParseText.writeFile(ParseText.generate(TextFormat.NDJSON, ROWS, workers, arena::allocate), jsonFile);
            try (Table csv = CpuReaders.read(TextFormat.CSV, csvFile, ParseRecords.SCHEMA, 2).table();
                    Table json = CpuReaders.read(TextFormat.NDJSON, jsonFile, ParseRecords.SCHEMA, 2).table()) {
                assertThat(csv.rowCount()).isEqualTo(ROWS);
                assertThat(json.rowCount()).isEqualTo(ROWS);
                for (int c = 0; c < ParseRecords.SCHEMA.size(); c++) {
                    ColumnView fromCsv = csv.column(c).view();
                    ColumnView fromJson = json.column(c).view();
                    assertThat(fromCsv.nullCount()).isZero();
                    assertThat(fromJson.nullCount()).isZero();
                    for (long row = 0; row < ROWS; row++) {
                        if (!fromCsv.getObject(row).equals(fromJson.getObject(row))) {
                            assertThat(fromJson.getObject(row)).as("column %d, row %d", c, row)
                                    .isEqualTo(fromCsv.getObject(row));
                        }
                    }
                }
                ColumnView rate = csv.column(3).view();
                long negativeZeros = 0;
                for (long row = 0; row < ROWS; row++) {
                    if (Double.doubleToRawLongBits(rate.getDouble(row)) == Long.MIN_VALUE) {
                        negativeZeros++;
                    }
                }
                assertThat(negativeZeros).as("rates of -0.0").isPositive();
            }
        }
    }
}
