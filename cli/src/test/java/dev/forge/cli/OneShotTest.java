package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.columnar.io.TextFormatting;
import dev.forge.sql.BenchmarkQueries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forge DIR -e/-f/stdin}: answers, formats, output files, dot commands, errors and exit codes. */
class OneShotTest {
    private static Path data;
    private static QueryBackend oracle;

    @TempDir
    Path scratch;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void generate() throws QueryFailure {
        data = TpchFolder.path();
        oracle = DuckDbBackend.open(List.of(data), ProgressListener.NONE);
    }

    @AfterAll
    static void closeOracle() {
        oracle.close();
    }

    private static Run forgeWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.run(streams, TpchFolder.backends(), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run forge(String... args) {
        return forgeWithInput("", args);
    }

    /** The oracle's answer, each value as Forge's exact text (null for NULL). */
    private static List<List<String>> expected(String sql) throws QueryFailure {
        List<List<String>> rows = new ArrayList<>();
        try (QueryAnswer answer = oracle.run(sql, EngineChoice.CPU)) {
            for (long row = 0; row < answer.table().rowCount(); row++) {
                List<String> values = new ArrayList<>();
                for (var column : answer.table().columns()) {
                    ColumnView view = column.view();
                    values.add(view.isNull(row) ? null : TextFormatting.format(view, row));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** CSV without quoted fields (the TPC-H answers have none) into rows of fields. */
    private static List<List<String>> csvRows(String csv) {
        return csv.lines().skip(1).map(line -> Arrays.asList(line.split(",", -1))).toList();
    }

    private static void assertSameAnswer(List<List<String>> actual, List<List<String>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int row = 0; row < expected.size(); row++) {
            assertThat(actual.get(row)).hasSameSizeAs(expected.get(row));
            for (int column = 0; column < expected.get(row).size(); column++) {
                String want = expected.get(row).get(column);
                String got = actual.get(row).get(column);
                if (want != null && want.matches("-?\\d+\\.\\d*") && got.matches("-?\\d+(\\.\\d*)?")) {
                    // averages are floating point in one engine and decimal in another: equal to 12 digits
                    assertThat(new BigDecimal(got).round(new MathContext(12)))
                            .as("row %d column %d", row, column)
                            .isEqualByComparingTo(new BigDecimal(want).round(new MathContext(12)));
                } else {
                    assertThat(got).as("row %d column %d", row, column).isEqualTo(want == null ? "" : want);
                }
            }
        }
    }

    @Test
    void tpchQ1AsCsvEqualsDuckDb() throws QueryFailure {
        String q1 = BenchmarkQueries.tpch(1).sql();
        Run run = forge(data.toString(), "-e", q1, "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().findFirst().orElseThrow()).isEqualTo(
                "l_returnflag,l_linestatus,sum_qty,sum_base_price,sum_disc_price,sum_charge,avg_qty,avg_price,avg_disc,"
                        + "count_order");
        List<List<String>> expected = expected(q1);
        assertThat(expected).hasSizeGreaterThan(1);
        assertSameAnswer(csvRows(run.out()), expected);
    }

    @Test
    void aFileStandardInputAndTheExecuteOptionGiveTheSameAnswer() throws IOException {
        String sql = "-- two statements\nSELECT COUNT(*) AS orders FROM orders;\nSELECT MAX(o_totalprice) AS top FROM orders;\n";
        Path script = Files.writeString(scratch.resolve("two.sql"), sql);
        Run fromFile = forge(data.toString(), "-f", script.toString(), "--format", "csv");
        Run fromStdin = forgeWithInput(sql, data.toString(), "--format", "csv");
        Run fromOption = forge(data.toString(), "-e", sql, "--format", "csv");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out().lines().toList()).hasSize(4).element(0).isEqualTo("orders");
        assertThat(fromStdin.out()).isEqualTo(fromFile.out());
        assertThat(fromOption.out()).isEqualTo(fromFile.out());
    }

    @Test
    void outputGoesToTheFileInTheFormatOfItsExtension() throws IOException, QueryFailure {
        String sql = "SELECT n_nationkey, n_name FROM nation ORDER BY n_nationkey";
        Path file = scratch.resolve("nations.csv");
        Run run = forge(data.toString(), "-e", sql, "-o", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("n_nationkey,n_name");
        assertSameAnswer(csvRows(String.join("\n", lines)), expected(sql));
    }

    @Test
    void everyFormatCarriesTheSameValues() throws QueryFailure {
        String sql = "SELECT n_nationkey, n_name, n_regionkey FROM nation ORDER BY n_nationkey LIMIT 3";
        List<List<String>> expected = expected(sql);
        for (String format : List.of("table", "csv", "json", "jsonl", "markdown")) {
            Run run = forge(data.toString(), "-e", sql, "--format", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            for (List<String> row : expected) {
                assertThat(run.out()).as(format).contains(row.get(1));
            }
        }
        assertThat(forge(data.toString(), "-e", sql, "--format", "jsonl").out().lines())
                .hasSize(expected.size()).allMatch(line -> line.startsWith("{\"n_nationkey\": "));
        assertThat(forge(data.toString(), "-e", sql, "--format", "json").out()).startsWith("[").contains(
                "\"n_name\": \"" + expected.getFirst().get(1) + "\"");
        assertThat(forge(data.toString(), "-e", sql, "--format", "markdown").out())
                .startsWith("| n_nationkey | n_name | n_regionkey |").contains("|---:|---|---:|");
        assertThat(forge(data.toString(), "-e", sql, "--format", "table").out()).contains("│").contains("─┼─");
        Run unknown = forge(data.toString(), "-e", sql, "--format", "xml");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown format 'xml'");
    }

    @Test
    void aWrongColumnShowsTheCaretAndTheClosestNameAndFails() {
        String sql = "SELECT l_quantityy\nFROM lineitem";
        Run run = forge(data.toString(), "-e", sql);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.getFirst()).contains("line 1, column 8").contains("l_quantityy");
        assertThat(lines.get(1)).isEqualTo("  SELECT l_quantityy");
        assertThat(lines.get(2)).isEqualTo("         " + "^".repeat("l_quantityy".length()));
        assertThat(run.err()).contains("did you mean l_quantity?").doesNotContain("\tat ");
    }

    @Test
    void theTimerPrintsTheSummaryLineToStandardError() throws QueryFailure {
        Run run = forge(data.toString(), "-e", "SELECT COUNT(*) AS n FROM lineitem", "--format", "csv", "--timer");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("n", expected("SELECT COUNT(*) FROM lineitem")
                .getFirst().getFirst());
        assertThat(run.err()).matches("(?s)1 row in [\\d,]+\\.\\d{3} ms · .*(cpu|gpu).*(warm|cold).*\\R");
    }

    @Test
    void anEngineThatCannotRunHereIsAnErrorNamingWhy() {
        Run run = forge(data.toString(), "-e", "SELECT 1", "--engine", "gpu");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unavailable");
        Run bad = forge(data.toString(), "-e", "SELECT 1", "--engine", "tpu");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("unknown engine 'tpu'");
    }

    @Test
    void aMissingScriptFileIsOneLine() {
        Run run = forge(data.toString(), "-f", scratch.resolve("absent.sql").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("forge: no such SQL file").doesNotContain("\n");
    }
}
