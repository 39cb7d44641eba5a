package dev.forge.bench.primitives;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Everything one GEMM benchmark run measured, with what identifies it, and its table and JSON forms. */
public record GemmBenchmarkReport(String device, String driver, String commit, String date, double copyBytesPerSecond,
        int forgeCublasVersion, String cublasPeerStatus, String cpuNote, List<GemmResult> results) {

    public void printTable(PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s, cuBLAS %d through FFM, commit %s, %s%n", device, driver, forgeCublasVersion,
                commit, date);
        out.printf(Locale.ROOT, "device copy bandwidth measured in this run: %.2f TB/s (read+write); native cuBLAS: %s%n",
                copyBytesPerSecond / 1e12, cublasPeerStatus);
        out.printf(Locale.ROOT, "CPU twin: %s%n%n", cpuNote);
        out.printf(Locale.ROOT, "%-5s %-5s %6s %10s %9s %9s %8s %10s %9s %10s %12s %14s%n", "op", "prec", "n",
                "GPU ms", "TFLOP/s", "GB/s", "of copy", "CPU ms", "GPU/CPU", "cuBLAS ms", "cuBLAS/Forge",
                "bf16-out ms");
        for (GemmResult result : results) {
            out.printf(Locale.ROOT, "%-5s %-5s %6d %10.4f %9.2f %9.1f %8.2f %10s %9s %10s %12s %14s%n",
                    result.operation(), result.precision(), result.size(), result.gpuSeconds() * 1e3,
                    result.gpuTeraflopsPerSecond(), result.gpuBytesPerSecond() / 1e9,
                    result.gpuBytesPerSecond() / copyBytesPerSecond,
                    orDash(result.cpuSeconds() * 1e3, "%.3f"), orDash(result.speedUpOverCpu(), "%.1f"),
                    orDash(result.cublasSeconds() * 1e3, "%.4f"), orDash(result.speedRelativeToCublas(), "%.3f"),
                    orDash(result.cublasBf16OutputSeconds() * 1e3, "%.4f"));
        }
    }

    private static String orDash(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }

    public String json() {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"device\": ").append(BenchmarkReport.quote(device)).append(",\n");
        json.append("  \"driver\": ").append(BenchmarkReport.quote(driver)).append(",\n");
        json.append("  \"commit\": ").append(BenchmarkReport.quote(commit)).append(",\n");
        json.append("  \"date\": ").append(BenchmarkReport.quote(date)).append(",\n");
        json.append("  \"copy_bytes_per_second\": ").append(BenchmarkReport.number(copyBytesPerSecond)).append(",\n");
        json.append("  \"forge_cublas_version\": ").append(forgeCublasVersion).append(",\n");
        json.append("  \"native_cublas\": ").append(BenchmarkReport.quote(cublasPeerStatus)).append(",\n");
        json.append("  \"cpu_twin\": ").append(BenchmarkReport.quote(cpuNote)).append(",\n");
        json.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            GemmResult result = results.get(i);
            json.append("    {\"operation\": ").append(BenchmarkReport.quote(result.operation()))
                    .append(", \"precision\": ").append(BenchmarkReport.quote(result.precision()))
                    .append(", \"n\": ").append(result.size())
                    .append(", \"flops\": ").append(BenchmarkReport.number(result.floatingPointOperations()))
                    .append(", \"bytes_moved\": ").append(result.bytesMoved())
                    .append(", \"gpu_seconds\": ").append(BenchmarkReport.number(result.gpuSeconds()))
                    .append(", \"gpu_tflops\": ").append(BenchmarkReport.number(result.gpuTeraflopsPerSecond()))
                    .append(", \"cpu_seconds\": ").append(BenchmarkReport.number(result.cpuSeconds()))
                    .append(", \"cublas_seconds\": ").append(BenchmarkReport.number(result.cublasSeconds()))
                    .append(", \"cublas_bf16_output_seconds\": ")
                    .append(BenchmarkReport.number(result.cublasBf16OutputSeconds()))
                    .append('}').append(i + 1 < results.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }
}
