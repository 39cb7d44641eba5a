package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `forge bench load` end to end on a tiny generated lineitem: table on standard output, progress on standard error. */
class BenchLoadCommandTest {

    @Test
    void aTinyLoadWritesTheTableAndBothFiles(@TempDir Path folder) throws Exception {
        Path json = folder.resolve("load.json");
        Path markdown = folder.resolve("load.md");
        Path work = folder.resolve("work");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "load", "--sf", "0.001",
                "--runs", "1", "--copy-mib", "1", "--work", work.toString(), "--json", json.toString(), "--markdown",
                markdown.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("# Loading TPC-H lineitem").contains("| parse .tbl |")
                .contains("| second start |").contains("`forge bench load --sf 0.001 --runs 1")
                .contains("wrote " + json).contains("wrote " + markdown);
        assertThat(err.toString()).contains("generate .tbl: ").contains("decode every chunk 1/1: ");
        assertThat(Files.readString(json)).contains("\"benchmark\": \"load-lineitem\"");
        assertThat(Files.readString(markdown)).contains("| first start |");
        assertThat(work.resolve("lineitem.tbl")).exists(); // a folder given with --work is kept
    }
}
