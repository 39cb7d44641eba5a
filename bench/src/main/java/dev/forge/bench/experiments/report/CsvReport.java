package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import java.util.List;
import java.util.Locale;

/**
 * A suite run as CSV (results.csv): comment lines starting with '#' name the machine, commit, date, settings and
 * ceilings (for a merged report also each run it was merged from); then one row per trial (RFC 4180 quoting), times
 * in seconds, an empty cell where nothing was measured. Experiments that did not run get one row saying why.
 */
public final class CsvReport {
    static final List<String> COLUMNS = List.of("experiment", "variant", "size", "elements", "baseline",
            "baseline_median_s", "baseline_cv_percent", "baseline_absent_reason", "contender",
            "contender_device_median_s", "contender_device_cv_percent", "contender_end_to_end_median_s",
            "contender_end_to_end_cv_percent", "transfer_median_s", "upload_bytes", "download_bytes", "speed_up",
            "verdict", "speed_up_with_transfers", "verdict_with_transfers", "elements_per_second",
            "device_bytes_per_second", "fraction_of_copy", "native_peer", "native_peer_median_s", "duckdb_median_s",
            "status");

    private CsvReport() {
    }

    public static String render(SuiteReport report) {
        StringBuilder csv = new StringBuilder();
        MachineDescription machine = report.machine();
        csv.append("# forge bench run, profile ").append(report.settings().profile().displayName()).append(", ")
                .append(report.settings().runs()).append(" timed runs after ").append(report.settings().warmups())
                .append(" warm-ups\n");
        csv.append("# machine: GPU ").append(machine.gpu()).append("; driver ").append(machine.driver())
                .append("; CPU ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(Format.bytes(machine.hostMemoryBytes())).append(" memory; ").append(machine.javaVersion())
                .append('\n');
        csv.append("# commit ").append(machine.commit()).append("; date ").append(machine.date()).append('\n');
        for (MergedRun run : report.mergedFrom()) {
            csv.append("# merged from ").append(run.source()).append(": ").append(String.join(" ", run.experiments()))
                    .append("; commit ").append(run.machine().commit()).append("; date ").append(run.machine().date())
                    .append("; profile ").append(run.settings().profile().displayName()).append(", ")
                    .append(run.settings().runs()).append(" timed runs after ").append(run.settings().warmups())
                    .append(" warm-ups; ").append(String.format(Locale.ROOT, "%.0f s", run.wallSeconds()))
                    .append("; device copy ").append(Format.bytesPerSecond(run.ceilings().copyBytesPerSecond()))
                    .append('\n');
        }
        csv.append("# ceilings: device copy ").append(Format.bytesPerSecond(report.ceilings().copyBytesPerSecond()))
                .append(", PCIe pinned ").append(Format.bytesPerSecond(report.ceilings().hostToDeviceBytesPerSecond()))
                .append(" up / ").append(Format.bytesPerSecond(report.ceilings().deviceToHostBytesPerSecond()))
                .append(" down");
        report.nativePeerStatus().forEach((peer, status) -> csv.append("; ").append(peer).append(": ").append(status));
        csv.append('\n');
        csv.append(String.join(",", COLUMNS)).append('\n');
        for (ExperimentOutcome outcome : report.outcomes()) {
            if (!outcome.ran()) {
                String[] cells = new String[COLUMNS.size()];
                java.util.Arrays.fill(cells, "");
                cells[0] = outcome.name();
                cells[cells.length - 1] = "not yet: " + outcome.notYet();
                row(csv, cells);
                continue;
            }
            for (TrialResult result : outcome.results()) {
                trial(csv, result, report.ceilings().copyBytesPerSecond());
            }
        }
        return csv.toString();
    }

    private static void trial(StringBuilder csv, TrialResult result, double copy) {
        String status = result.failed() ? result.failure()
                : result.contenderAbsentReason() != null ? "contender absent: " + result.contenderAbsentReason()
                : "passed: " + result.validation();
        row(csv, result.experiment(), result.variant(), Long.toString(result.size()),
                Long.toString(result.shape().elements()), result.baselineName(), median(result.baseline()),
                cv(result.baseline()), nullToEmpty(result.baselineAbsentReason()), nullToEmpty(result.contenderName()),
                median(result.contenderDevice()),
                cv(result.contenderDevice()), median(result.contenderEndToEnd()), cv(result.contenderEndToEnd()),
                median(result.transfer()), Long.toString(result.shape().uploadBytes()),
                Long.toString(result.shape().downloadBytes()), number(result.speedUp()),
                nullToEmpty(JsonReport.verdict(result.speedUp())), number(result.speedUpWithTransfers()),
                nullToEmpty(JsonReport.verdict(result.speedUpWithTransfers())),
                number(result.contenderElementsPerSecond()), number(result.deviceBytesPerSecond()),
                number(result.deviceBytesPerSecond() / copy), result.nativePeer().map(PeerResult::name).orElse(""),
                result.nativePeer().filter(PeerResult::measured).map(PeerResult::medianSeconds).map(CsvReport::number)
                        .orElse(""), peer(result, "DuckDB"), status);
    }

    private static String peer(TrialResult result, String name) {
        return result.peers().stream().filter(p -> p.name().equals(name) && p.measured()).findFirst()
                .map(PeerResult::medianSeconds).map(CsvReport::number).orElse("");
    }

    private static String median(Statistics statistics) {
        return statistics == null ? "" : number(statistics.median());
    }

    private static String cv(Statistics statistics) {
        return statistics == null ? "" : String.format(Locale.ROOT, "%.2f", statistics.coefficientOfVariationPercent());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(cells[i]));
        }
        csv.append('\n');
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
