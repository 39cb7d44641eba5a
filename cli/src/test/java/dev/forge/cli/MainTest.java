package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.Cuda;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoWithoutAGpuSaysInOneSentenceThatForgeRunsOnTheCpu() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU");
        Run run = run("info");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no CUDA driver found: Forge will run on the CPU").contains("CPU cores");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void infoBenchWithoutAGpuStillExitsCleanly() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU");
        Run run = run("info", "--bench");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Forge will run on the CPU").doesNotContain("measure");
    }

    @Test
    void infoWithAGpuNamesIt() {
        assumeTrue(Cuda.isAvailable(), "no GPU here");
        Run run = run("info");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(Cuda.defaultDevice().info().name()).contains("compute capability");
    }

    @Test
    void versionAndHelpWorkEverywhere() {
        assertThat(run("--version").out()).startsWith("Forge ").contains("Java");
        assertThat(run("info", "--version").out()).startsWith("Forge ");
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("info").contains("Usage: forge");
        assertThat(run("info", "--help").out()).contains("--bench");
    }

    @Test
    void anUnknownOptionIsOneMessageAndANonZeroExit() {
        Run run = run("info", "--no-such-option");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadDeviceOrdinalIsOneLineWithoutAStackTrace() {
        assumeTrue(Cuda.isAvailable(), "no GPU here");
        Run run = run("info", "--device", "99");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("forge: no CUDA device 99").doesNotContain("\tat ");
    }

    @Test
    void benchPrimitivesWithoutAGpuIsOneLineAndANonZeroExit() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU");
        Run run = run("bench", "primitives", "--sizes", "2^10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("forge: the primitives benchmark needs a GPU; no CUDA driver found: Forge will run on the CPU"
                + System.lineSeparator());
    }

    @Test
    void benchSizesAcceptPowersAndSuffixesAndNameWhatIsWrong() {
        assertThat(BenchPrimitivesCommand.parseSize("2^28")).isEqualTo(1L << 28);
        assertThat(BenchPrimitivesCommand.parseSize("16M")).isEqualTo(16L << 20);
        assertThat(BenchPrimitivesCommand.parseSize(" 1000000 ")).isEqualTo(1_000_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchPrimitivesCommand.parseSize("lots"))
                .hasMessageContaining("'lots' is not an element count");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchPrimitivesCommand.parseSize("2^40"))
                .hasMessageContaining("from 1 to 2^31");
    }

    @Test
    void benchPrimitivesOnlyNamesFamiliesAndAMistakeIsOneLineOnAnyMachine() {
        Run run = run("bench", "primitives", "--only", "sort,hash-join");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("forge: --only: 'hash-join' is not a family of primitives; choose from reduce,"
                + " scan, run-length, segmented, sort, histogram, select, hash-probe, group-by, top-k")
                .doesNotContain("\tat ");
        assertThat(run("bench", "primitives", "--help").out()).contains("--only", "hash-probe", "group-by");
    }

    @Test
    void benchGemmWithoutAGpuIsOneLineAndANonZeroExit() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU");
        Run run = run("bench", "gemm", "--sizes", "256");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("forge: the GEMM benchmark needs a GPU; no CUDA driver found: Forge will run on the CPU"
                + System.lineSeparator());
        assertThat(run("bench", "--help").out()).contains("gemm", "primitives", "list", "run");
    }

    @Test
    void gemmSizesAreMatrixSizes() {
        assertThat(BenchGemmCommand.parseSize("2^13")).isEqualTo(8192);
        assertThat(BenchGemmCommand.parseSize("1000")).isEqualTo(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchGemmCommand.parseSize("2^17"))
                .hasMessageContaining("'2^17' is not a matrix size from 1 to 65536");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchGemmCommand.parseSize("big"))
                .hasMessageContaining("'big' is not a matrix size");
    }
}
