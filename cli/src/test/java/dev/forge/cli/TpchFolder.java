package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.query.BackendOpener;
import dev.forge.cli.query.QueryService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TPC-H at scale factor 0.01 as pipe-delimited CSV, generated once per test run by {@code forge generate} into a
 * temporary folder, and the backend the command line's tests query it with.
 */
public final class TpchFolder {
    private static Path folder;

    private TpchFolder() {
    }

    public static synchronized Path path() {
        if (folder == null) {
            try {
                Path created = Files.createTempDirectory("forge-cli-tpch");
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "generate", "tpch", "--sf",
                        "0.01", "--format", "csv", "--out", created.toString());
                assertThat(code).as("forge generate: %s", err).isZero();
                folder = created;
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
        return folder;
    }

    /** How the tests open folders: Forge's own engine (DuckDB is only the oracle). */
    public static BackendOpener backends() {
        return QueryService::open;
    }
}
