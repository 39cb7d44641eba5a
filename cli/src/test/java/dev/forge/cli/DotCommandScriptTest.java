package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.TableDescription;
import dev.forge.columnar.io.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dot command, run from a script the way {@code forge DIR -e ".tables"} runs it. */
class DotCommandScriptTest {
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

    private static Run forge(String script) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        int code = Main.run(streams, TpchFolder.backends(), data.toString(), "-e", script);
        return new Run(code, out.toString(), err.toString());
    }

    private static long oracleLong(String sql) throws QueryFailure {
        try (QueryAnswer answer = oracle.run(sql, EngineChoice.CPU)) {
            return answer.table().column(0).view().getLong(0);
        }
    }

    @Test
    void tablesListsEveryTableWithItsRowCount() throws QueryFailure {
        Run run = forge(".tables");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<TableDescription> tables = oracle.tables();
        assertThat(tables).hasSize(8);
        assertThat(run.out().lines()).hasSize(tables.size());
        for (TableDescription table : tables) {
            assertThat(run.out()).containsPattern("(?m)^" + table.name() + " +" + String.format("%,d",
                    oracleLong("SELECT COUNT(*) FROM " + table.name())) + " rows +" + table.columns().size() + " columns$");
        }
    }

    @Test
    void schemaShowsColumnsAndTypes() {
        Run run = forge(".schema lineitem");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("lineitem (").contains("l_quantity").contains("DECIMAL(15,2)").contains("DATE");
        assertThat(forge(".schema").out()).contains("nation (").contains("region (");
        Run missing = forge(".schema lineitems");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no table 'lineitems'").contains("did you mean lineitem");
    }

    @Test
    void describeGivesExactCountsDistinctsAndRanges() throws QueryFailure {
        Run run = forge(".format csv\n.describe nation");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("format csv");
        assertThat(lines.get(1)).isEqualTo("column,type,count,null_percent,distinct,min,max,sample");
        String regionKey = lines.stream().filter(line -> line.startsWith("n_regionkey,")).findFirst().orElseThrow();
        String[] fields = regionKey.split(",");
        assertThat(Long.parseLong(fields[2])).isEqualTo(oracleLong("SELECT COUNT(n_regionkey) FROM nation"));
        assertThat(fields[3]).isEqualTo("0.00");
        assertThat(Long.parseLong(fields[4])).isEqualTo(oracleLong("SELECT COUNT(DISTINCT n_regionkey) FROM nation"));
        assertThat(Long.parseLong(fields[5])).isEqualTo(oracleLong("SELECT MIN(n_regionkey) FROM nation"));
        assertThat(Long.parseLong(fields[6])).isEqualTo(oracleLong("SELECT MAX(n_regionkey) FROM nation"));
        assertThat(lines).hasSize(2 + oracle.tables().stream().filter(t -> t.name().equals("nation")).findFirst()
                .orElseThrow().columns().size());
    }

    @Test
    void engineTimerAndFormatChangeTheSession() {
        Run run = forge(".engine cpu\n.timer on\n.format jsonl\nSELECT r_regionkey FROM region ORDER BY r_regionkey LIMIT 2;");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("engine cpu", "timer on", "format jsonl",
                "{\"r_regionkey\": 0}", "{\"r_regionkey\": 1}");
        assertThat(run.err()).startsWith("2 rows in ").contains("· cpu");
        Run gpu = forge(".engine gpu");
        assertThat(gpu.exitCode()).isEqualTo(1);
        assertThat(gpu.err()).contains("the gpu engine is unavailable");
        assertThat(forge(".timer maybe").err()).contains(".timer takes on or off");
    }

    @Test
    void explainProfileAndCompareReportWhatTheyMeasured() {
        Run explain = forge(".explain SELECT COUNT(*) FROM orders");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).isNotBlank();
        Run profile = forge(".profile SELECT COUNT(*) AS n FROM orders;");
        assertThat(profile.exitCode()).as(profile.err()).isZero();
        assertThat(profile.out()).contains("stages on the cpu engine").containsPattern("(?m)^  format +[\\d,]+\\.\\d{3} ms")
                .containsPattern("(?m)^  compile +- +\\(not part of a cpu run\\)").contains("total");
        Run compare = forge(".compare SELECT COUNT(*) FROM orders");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("the GPU engine is unavailable").containsPattern("cpu +median +[\\d,.]+ ms")
                .contains("no ratio");
    }

    @Test
    void saveWritesTheLastResultInTheFormatOfTheFileName() throws IOException {
        Path file = scratch.resolve("regions.jsonl");
        Run run = forge("SELECT r_name FROM region ORDER BY r_name;\n.save " + file);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> saved = Files.readAllLines(file);
        assertThat(saved).hasSize(5).allMatch(line -> line.startsWith("{\"r_name\": "));
        assertThat(run.out()).contains("saved 5 rows to " + file + " as jsonl");
        Run nothing = forge(".save " + scratch.resolve("x.csv"));
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("no result to save yet");
    }

    @Test
    void refreshHelpHistoryAndQuit() {
        assertThat(forge(".refresh").out()).contains("8 tables after refresh");
        assertThat(forge(".help").out()).contains(".describe TABLE").contains(".compare SQL").contains(".quit");
        Run history = forge(".history");
        assertThat(history.exitCode()).isEqualTo(1);
        assertThat(history.err()).contains("shell only");
        Run quit = forge("SELECT 1 AS a;\n.quit\nSELECT no_such_column FROM region;");
        assertThat(quit.exitCode()).as(quit.err()).isZero();
        assertThat(quit.err()).isEmpty();
        Run unknown = forge(".frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown command .frobnicate");
    }
}
