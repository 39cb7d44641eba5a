package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.primitives.MatrixPrecision;
import java.util.List;
import java.util.Locale;

/**
 * What the matrix-product experiments (gemm, gemv) share: one variant per {@link MatrixPrecision}, square n x n
 * matrices whose side n is the experiment's size, and native cuBLAS (cublas_gemm.cu) as the peer, asked for the same
 * operation and precision at every n.
 *
 * <p>Sizes: a profile's run takes the matrix sides 256 to 8192 (quick: 256, 2048 and 8192 only); sizes given with
 * {@code --sizes} count the elements of one matrix, as the spreadsheet's count cells, so 1M is n = 1000.
 */
abstract class MatrixExperiment implements Experiment {
    private static final List<Long> QUICK_SIDES = List.of(256L, 2048L, 8192L);
    private static final List<Long> SIDES = List.of(256L, 512L, 1024L, 2048L, 4096L, 8192L);
    /** cuBLAS's workspace (32 MiB from sm_90 on) and room for what it allocates on its own. */
    static final long CUBLAS_DEVICE_BYTES = 64L << 20;

    /** The harness's and reports' name for the operation: "gemm", "gemv". */
    abstract String operation();

    @Override
    public String name() {
        return operation();
    }

    @Override
    public List<String> variants() {
        return List.of("fp32", "tf32", "fp16", "bf16");
    }

    @Override
    public String sizeUnit() {
        return "n (n x n matrix)";
    }

    @Override
    public RunSettings ownSizes(RunSettings run) {
        if (run.sizesGiven()) {
            return run.withSizes(run.sizes().stream().map(MatrixExperiment::side).distinct().toList());
        }
        return run.withSizes(run.profile() == Profile.QUICK ? QUICK_SIDES : SIDES);
    }

    /** The side of a square matrix of about {@code elements} elements: 1M -> 1000. */
    static long side(long elements) {
        return Math.max(1, Math.round(Math.sqrt(elements)));
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.cublas(operation(), variant);
    }

    @Override
    public final Trial prepare(String variant, long size, TrialContext context) {
        MatrixTrial trial = trial(precision(variant), Math.toIntExact(size), context);
        try {
            trial.generate();
            return trial;
        } catch (RuntimeException | Error failed) {
            trial.close();
            throw failed;
        }
    }

    /** A trial of {@code precision} at side {@code n}, holding nothing yet. */
    abstract MatrixTrial trial(MatrixPrecision precision, int n, TrialContext context);

    static MatrixPrecision precision(String variant) {
        return MatrixPrecision.valueOf(variant.toUpperCase(Locale.ROOT));
    }
}
