package dev.forge.bench.primitives;

import java.io.PrintWriter;
import java.util.Locale;

/** Writes a {@link PrimitivesBenchmark.Report} as an aligned table for people and as JSON for tools. */
public final class BenchmarkReport {
    private BenchmarkReport() {
    }

    public static void printTable(PrimitivesBenchmark.Report report, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s, commit %s, %s%n", report.device(), report.driver(), report.commit(), report.date());
        out.printf(Locale.ROOT, "device copy bandwidth measured in this run: %.2f TB/s (read+write); CUB: %s%n%n",
                report.copyBytesPerSecond() / 1e12, report.cubStatus());
        out.printf(Locale.ROOT, "%-19s %-8s %11s %10s %10s %9s %8s %10s %9s %10s %9s%n", "primitive", "type", "elements",
                "GPU ms", "G elem/s", "GB/s", "of copy", "CPU ms", "GPU/CPU", "CUB ms", "CUB/Forge");
        for (PrimitiveResult result : report.results()) {
            out.printf(Locale.ROOT, "%-19s %-8s %11d %10.4f %10.1f %9.1f %8.2f %10.3f %9.1f %10s %9s%n",
                    result.primitive(), result.type(), result.elements(), result.gpuSeconds() * 1e3,
                    result.gpuElementsPerSecond() / 1e9, result.gpuBytesPerSecond() / 1e9, result.fractionOfCopy(),
                    result.cpuSeconds() * 1e3, result.speedUpOverCpu(),
                    Double.isNaN(result.cubSeconds()) ? "absent" : String.format(Locale.ROOT, "%.4f", result.cubSeconds() * 1e3),
                    Double.isNaN(result.cubSeconds()) ? "-" : String.format(Locale.ROOT, "%.2f", result.speedRelativeToCub()));
        }
    }

    public static String json(PrimitivesBenchmark.Report report) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"device\": ").append(quote(report.device())).append(",\n");
        json.append("  \"driver\": ").append(quote(report.driver())).append(",\n");
        json.append("  \"commit\": ").append(quote(report.commit())).append(",\n");
        json.append("  \"date\": ").append(quote(report.date())).append(",\n");
        json.append("  \"copy_bytes_per_second\": ").append(number(report.copyBytesPerSecond())).append(",\n");
        json.append("  \"cub\": ").append(quote(report.cubStatus())).append(",\n");
        json.append("  \"results\": [\n");
        for (int i = 0; i < report.results().size(); i++) {
            PrimitiveResult result = report.results().get(i);
            json.append("    {\"primitive\": ").append(quote(result.primitive()))
                    .append(", \"type\": ").append(quote(result.type()))
                    .append(", \"elements\": ").append(result.elements())
                    .append(", \"bytes_moved\": ").append(result.bytesMoved())
                    .append(", \"gpu_seconds\": ").append(number(result.gpuSeconds()))
                    .append(", \"gpu_bytes_per_second\": ").append(number(result.gpuBytesPerSecond()))
                    .append(", \"fraction_of_copy\": ").append(number(result.fractionOfCopy()))
                    .append(", \"cpu_seconds\": ").append(number(result.cpuSeconds()))
                    .append(", \"cub_seconds\": ").append(number(result.cubSeconds()))
                    .append('}').append(i + 1 < report.results().size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
