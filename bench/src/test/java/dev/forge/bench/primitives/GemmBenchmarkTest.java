package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuMatrixMultiply;
import dev.forge.primitives.cpu.CpuWorkers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The GEMM benchmark's parts that need no GPU: its figures, its report, its peer's output and its result check. */
class GemmBenchmarkTest {
    private static final GemmBenchmarkReport REPORT = new GemmBenchmarkReport("NVIDIA H100", "CUDA 13.0", "abc1234",
            "2026-12-08", 3.0e12, 130100, "no nvcc \"here\"", "GEMM above 2048^3 skipped", List.of(
                    new GemmResult("gemm", "bf16", 8192, 2 * Math.pow(8192, 3), 3L * 8192 * 8192 * 4, 1.8e-3, Double.NaN,
                            1.75e-3, 1.7e-3),
                    new GemmResult("gemv", "fp32", 8192, 2.0 * 8192 * 8192, 4L * 8192 * 8192, 1.2e-4, 2e-2, Double.NaN,
                            Double.NaN)));

    @Test
    void figuresFollowFromTheTimes() {
        GemmResult gemm = REPORT.results().get(0);
        assertThat(gemm.gpuTeraflopsPerSecond()).isCloseTo(610.8, Offset.offset(0.1));
        assertThat(gemm.speedRelativeToCublas()).isCloseTo(0.9722, Offset.offset(1e-4));
        assertThat(REPORT.results().get(1).gpuBytesPerSecond()).isCloseTo(4.0 * 8192 * 8192 / 1.2e-4, Offset.offset(1.0));
        assertThat(REPORT.results().get(1).speedUpOverCpu()).isCloseTo(166.7, Offset.offset(0.1));
    }

    @Test
    void theTableAndJsonNameTheRunAndMarkWhatWasNotMeasured() {
        StringWriter text = new StringWriter();
        REPORT.printTable(new PrintWriter(text, true));
        assertThat(text.toString()).contains("NVIDIA H100", "cuBLAS 130100 through FFM", "commit abc1234", "3.00 TB/s",
                "GEMM above 2048^3 skipped", "610.8", "0.972", "1.7000");
        String json = REPORT.json();
        assertThat(json).contains("\"native_cublas\": \"no nvcc \\\"here\\\"\"", "\"cpu_seconds\": null",
                "\"cublas_seconds\": null", "\"n\": 8192", "\"forge_cublas_version\": 130100");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    void peerLinesBecomeMediansKeyedByOperationPrecisionAndSize() {
        var medians = NvccPeer.medians(List.of("cublas version 130100", "cublas gemm bf16 8192 0.001750000",
                "cublas gemv fp32 256 0.000004000", "cub reduce_sum int32 1024 0.000001", "noise"), "cublas");
        assertThat(medians).containsOnlyKeys("gemm bf16 8192", "gemv fp32 256");
        assertThat(medians.get(NvccPeer.key("gemm", "bf16", 8192))).isEqualTo(1.75e-3);
    }

    @Test
    void theSampledCheckPassesTheTwinsProductAndStopsAWrongOne() {
        GemmShape shape = GemmShape.of(96, 80, 300);
        try (Arena arena = Arena.ofShared()) {
            for (MatrixPrecision precision : MatrixPrecision.values()) {
                MemorySegment a = GemmBenchmark.randomInputs(arena, precision, shape.elementsOfA(), 1);
                MemorySegment b = GemmBenchmark.randomInputs(arena, precision, shape.elementsOfB(), 2);
                MemorySegment c = arena.allocate(4 * shape.elementsOfC());
                new CpuMatrixMultiply(CpuWorkers.allCores()).gemm(shape, precision, a, b, c);
                GemmBenchmark.checkSampled(shape, precision, a, b, c, "GEMM");
                for (long i = 0; i < shape.elementsOfC(); i++) { // one term of each sum missing
                    c.setAtIndex(ValueLayout.JAVA_FLOAT, i, c.getAtIndex(ValueLayout.JAVA_FLOAT, i) + 0.25f);
                }
                assertThatThrownBy(() -> GemmBenchmark.checkSampled(shape, precision, a, b, c, "GEMM"))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("the benchmark stops");
            }
        }
    }

    @Test
    void thePeerIsLinkedAgainstTheLibraryForgeLoaded() {
        assertThat(NvccPeer.linkingForgesCublas()).last().isEqualTo("-lcublas");
    }
}
