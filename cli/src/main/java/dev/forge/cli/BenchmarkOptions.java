package dev.forge.cli;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options the single-run benchmarks ({@code forge bench primitives}, {@code forge bench gemm}) take (a picocli
 * mixin), and the steps they share. The experiment suite ({@code forge bench run}) counts timed runs per profile
 * instead of samples and needs no GPU, so it has options of its own.
 */
final class BenchmarkOptions {
    @Option(names = "--samples", paramLabel = "N", defaultValue = "10",
            description = "Timed samples per measurement (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    /** Says on standard error, in one line, why {@code benchmark} cannot run, and returns false, where there is no GPU. */
    static boolean gpuPresent(CommandSpec spec, String benchmark) {
        CudaStatus status = Cuda.status();
        if (!status.available()) {
            spec.commandLine().getErr().println("forge: " + benchmark + " needs a GPU; " + status.reason());
        }
        return status.available();
    }

    int samples() {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
        }
        return samples;
    }

    /** Writes {@code text} to the {@code --json} file, if one was named, and says so. */
    void writeJson(String text, PrintWriter out) throws IOException {
        if (json != null) {
            out.println();
            ResultFiles.write(json, text, out);
        }
    }
}
