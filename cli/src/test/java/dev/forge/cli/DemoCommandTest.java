package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void theDemoGeneratesOnceThenRunsItsQueriesWithTimings(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("tpch");
        String first = demo(data);
        assertThat(first).contains("generating TPC-H at scale factor 0.01");
        for (int number : DemoCommand.QUERIES) {
            assertThat(first).contains("-- TPC-H Q" + number + "\n");
        }
        assertThat(first).doesNotContain("error").containsPattern("rows? in [\\d,]+\\.\\d{3} ms");
        assertThat(first.split("rows? in ", -1)).hasSize(DemoCommand.QUERIES.size() + 1);
        long files;
        try (var listing = Files.list(data)) {
            files = listing.filter(Files::isRegularFile).count();
        }
        assertThat(files).isEqualTo(8);
        assertThat(demo(data)).doesNotContain("generating");
    }

    private static String demo(Path data) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        int code = Main.run(streams, TpchFolder.backends(), "demo", "--sf", "0.01", "--dir", data.toString());
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
