package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.columnar.file.ForgeFile;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NativeLeakCheck.class)
class GenerateCommandTest {
    @TempDir
    Path folder;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome forge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void writesEveryTpchTableAsForgeFilesQuietlyWithoutATerminal() throws Exception {
        Outcome outcome = forge("generate", "tpch", "--sf", "0.001", "--out", folder.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).startsWith("wrote 8 tables");
        try (ForgeFile file = ForgeFile.open(folder.resolve("orders.forge")); Table orders = file.readTable()) {
            assertThat(orders.rowCount()).isEqualTo(1500);
        }
    }

    @Test
    void writesSsbAsTblAndParquet() throws Exception {
        assertThat(forge("generate", "ssb", "--sf", "0.001", "--out", folder.resolve("tbl").toString(), "--format", "csv")
                .exitCode()).isZero();
        assertThat(Files.readAllLines(folder.resolve("tbl/date.tbl"))).hasSize(2557)
                .first().asString().startsWith("19920101|January 1, 1992|Wednesday|January|1992|199201|Jan1992|");
        assertThat(forge("generate", "ssb", "--sf", "0.001", "--out", folder.resolve("pq").toString(), "--format",
                "parquet").exitCode()).isZero();
        assertThat(folder.resolve("pq/lineorder.parquet")).isNotEmptyFile();
    }

    @Test
    void badArgumentsFailWithOneClearLine() throws Exception {
        Outcome badScale = forge("generate", "tpch", "--sf", "-1", "--out", folder.toString());
        assertThat(badScale.exitCode()).isNotZero();
        assertThat(badScale.err()).isEqualTo("forge: scale factor must be a number above 0 and at most 100000, got -1.0"
                + System.lineSeparator());

        Path file = Files.writeString(folder.resolve("occupied"), "x");
        Outcome unwritable = forge("generate", "ssb", "--sf", "0.01", "--out", file.resolve("sub").toString());
        assertThat(unwritable.exitCode()).isNotZero();
        assertThat(unwritable.err()).startsWith("forge: cannot create the output folder " + file.resolve("sub"))
                .hasLineCount(1);

        Outcome badFormat = forge("generate", "tpch", "--sf", "1", "--out", folder.toString(), "--format", "orc");
        assertThat(badFormat.err()).isEqualTo("forge: unknown output format 'orc': use forge, csv or parquet"
                + System.lineSeparator());
        Outcome notANumber = forge("generate", "tpch", "--sf", "abc", "--out", folder.toString());
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).isEqualTo("forge: Invalid value for option '--sf': 'abc' is not a double"
                + " (see 'forge generate --help')" + System.lineSeparator());
        assertThat(forge("generate", "tpcds", "--sf", "1", "--out", folder.toString()).err())
                .isEqualTo("forge: unknown benchmark 'tpcds': use tpch or ssb" + System.lineSeparator());
    }

    @Test
    void theBarShowsTaskFractionAndCounts() {
        assertThat(TerminalProgressBar.line("lineitem", 3_000_000, 6_000_000))
                .isEqualTo("lineitem   [###############               ]  50% 3.0M/6.0M");
    }
}
