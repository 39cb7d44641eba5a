package dev.forge.bench.primitives;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link PrimitivesBenchmark.Report} as aligned tables for people, one per family, and as JSON for tools.
 * Each row's "of ceil" is its rate over the ceiling its "ceiling" column names (listed above the tables); absent
 * figures are "-" (CUB or a CPU twin not measured) in the table and null in the JSON.
 */
public final class BenchmarkReport {
    private static final String HEADER_FORMAT = "%-20s %-14s %11s %10s %10s %9s %-8s %7s %10s %9s %10s %9s%n";

    private BenchmarkReport() {
    }

    public static void printTable(PrimitivesBenchmark.Report report, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s, commit %s, %s%n", report.device(), report.driver(), report.commit(), report.date());
        out.println("ceilings measured in this run:");
        for (Ceiling ceiling : report.ceilings()) {
            out.println("  " + ceiling.description());
        }
        out.println("CUB: " + report.cubStatus());
        for (Map.Entry<String, List<PrimitiveResult>> family : byFamily(report.results()).entrySet()) {
            out.printf(Locale.ROOT, "%n%s%n", family.getKey());
            out.printf(Locale.ROOT, HEADER_FORMAT, "primitive", "type", "elements", "GPU ms", "G elem/s", "GB/s",
                    "ceiling", "of ceil", "CPU ms", "GPU/CPU", "CUB ms", "CUB/Forge");
            for (PrimitiveResult result : family.getValue()) {
                out.printf(Locale.ROOT, "%-20s %-14s %11d %10.4f %10.2f %9.1f %-8s %7.2f %10s %9s %10s %9s%n",
                        result.primitive(), result.type(), result.elements(), result.gpuSeconds() * 1e3,
                        result.gpuElementsPerSecond() / 1e9, result.gpuBytesPerSecond() / 1e9,
                        result.ceiling().name(), result.fractionOfCeiling(),
                        figure("%.3f", result.cpuSeconds() * 1e3), figure("%.1f", result.speedUpOverCpu()),
                        figure("%.4f", result.cubSeconds() * 1e3), figure("%.2f", result.speedRelativeToCub()));
            }
        }
        if (!report.skipped().isEmpty()) {
            out.printf(Locale.ROOT, "%nnot measured:%n");
            for (SkippedCase skipped : report.skipped()) {
                out.printf(Locale.ROOT, "  %-10s %-20s %-14s %11d  %s%n", skipped.family(), skipped.primitive(),
                        skipped.type(), skipped.elements(), skipped.reason());
            }
        }
        if (!report.notes().isEmpty()) {
            out.printf(Locale.ROOT, "%nnotes:%n");
            report.notes().forEach(note -> out.println("  " + note));
        }
    }

    /** The results in order of first appearance of their family, each family's in the order measured. */
    static Map<String, List<PrimitiveResult>> byFamily(List<PrimitiveResult> results) {
        Map<String, List<PrimitiveResult>> families = new LinkedHashMap<>();
        for (PrimitiveResult result : results) {
            families.computeIfAbsent(result.family(), family -> new java.util.ArrayList<>()).add(result);
        }
        return families;
    }

    private static String figure(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }

    public static String json(PrimitivesBenchmark.Report report) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"device\": ").append(quote(report.device())).append(",\n");
        json.append("  \"driver\": ").append(quote(report.driver())).append(",\n");
        json.append("  \"commit\": ").append(quote(report.commit())).append(",\n");
        json.append("  \"date\": ").append(quote(report.date())).append(",\n");
        json.append("  \"copy_bytes_per_second\": ").append(number(report.copyBytesPerSecond())).append(",\n");
        json.append("  \"ceilings\": [");
        for (int i = 0; i < report.ceilings().size(); i++) {
            Ceiling ceiling = report.ceilings().get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(ceiling.name()))
                    .append(", \"per_second\": ").append(number(ceiling.perSecond()))
                    .append(", \"unit\": ").append(quote(ceiling.countsBytes() ? "bytes" : "reads"))
                    .append(", \"description\": ").append(quote(ceiling.description())).append('}');
        }
        json.append("\n  ],\n");
        json.append("  \"cub\": ").append(quote(report.cubStatus())).append(",\n");
        json.append("  \"results\": [\n");
        for (int i = 0; i < report.results().size(); i++) {
            PrimitiveResult result = report.results().get(i);
            json.append("    {\"family\": ").append(quote(result.family()))
                    .append(", \"primitive\": ").append(quote(result.primitive()))
                    .append(", \"type\": ").append(quote(result.type()))
                    .append(", \"elements\": ").append(result.elements())
                    .append(", \"bytes_moved\": ").append(result.bytesMoved())
                    .append(", \"gpu_seconds\": ").append(number(result.gpuSeconds()))
                    .append(", \"gpu_bytes_per_second\": ").append(number(result.gpuBytesPerSecond()))
                    .append(", \"fraction_of_copy\": ")
                    .append(number(result.gpuBytesPerSecond() / report.copyBytesPerSecond()))
                    .append(", \"ceiling\": ").append(quote(result.ceiling().name()))
                    .append(", \"fraction_of_ceiling\": ").append(number(result.fractionOfCeiling()))
                    .append(", \"cpu_seconds\": ").append(number(result.cpuSeconds()))
                    .append(", \"cub_seconds\": ").append(number(result.cubSeconds()))
                    .append('}').append(i + 1 < report.results().size() ? ",\n" : "\n");
        }
        json.append("  ],\n  \"skipped\": [");
        for (int i = 0; i < report.skipped().size(); i++) {
            SkippedCase skipped = report.skipped().get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {\"family\": ").append(quote(skipped.family()))
                    .append(", \"primitive\": ").append(quote(skipped.primitive()))
                    .append(", \"type\": ").append(quote(skipped.type()))
                    .append(", \"elements\": ").append(skipped.elements())
                    .append(", \"reason\": ").append(quote(skipped.reason())).append('}');
        }
        json.append(report.skipped().isEmpty() ? "],\n" : "\n  ],\n").append("  \"notes\": [");
        for (int i = 0; i < report.notes().size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(quote(report.notes().get(i)));
        }
        return json.append(report.notes().isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
