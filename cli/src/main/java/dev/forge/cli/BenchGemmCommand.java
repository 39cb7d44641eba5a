package dev.forge.cli;

import dev.forge.bench.primitives.GemmBenchmark;
import dev.forge.bench.primitives.GemmBenchmarkReport;
import dev.forge.cuda.Cuda;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forge bench gemm}: GEMM and GEMV through cuBLAS over FFM against native cuBLAS and the CPU twin. */
@Command(name = "gemm", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Time square GEMM (n x n x n) and GEMV (n x n) in FP32, TF32, FP16 and BF16 through Forge"
                + " (cuBLAS over FFM) against native cuBLAS (a C++ harness built with this machine's nvcc) and the"
                + " CPU twin on all cores, each GPU result checked first.")
final class BenchGemmCommand implements Callable<Integer> {
    /** The largest n: three n x n float32 matrices of 65,536 take 48 GiB. */
    static final int MAX_SIZE = 65_536;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Matrix sizes n (plain numbers or 2^N), from 1 to " + MAX_SIZE + ". Default: ${DEFAULT-VALUE}.",
            defaultValue = "256,512,1024,2048,4096,8192")
    List<String> sizes;

    @Mixin
    BenchmarkOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!BenchmarkOptions.gpuPresent(spec, "the GEMM benchmark")) {
            return 1;
        }
        int samples = options.samples();
        List<Integer> counts = new ArrayList<>();
        for (String size : sizes) {
            counts.add(parseSize(size));
        }
        GemmBenchmarkReport report = new GemmBenchmark(Cuda.defaultDevice(), step -> out.println("  " + step))
                .run(counts, samples);
        out.println();
        report.printTable(out);
        options.writeJson(report.json(), out);
        return 0;
    }

    static int parseSize(String text) {
        long size;
        try {
            size = BenchPrimitivesCommand.parseSize(text);
        } catch (IllegalArgumentException notACount) {
            size = -1;
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("--sizes: '" + text + "' is not a matrix size from 1 to " + MAX_SIZE
                    + " (write e.g. 4096 or 2^13)");
        }
        return (int) size;
    }
}
