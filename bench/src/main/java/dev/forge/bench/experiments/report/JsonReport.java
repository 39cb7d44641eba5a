package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Ceilings;
import dev.forge.bench.experiments.Crossover;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.bench.experiments.Verdict;
import dev.forge.cuda.bench.Measurement;
import java.util.Map;

/**
 * A suite run as JSON (results.json): a header with the machine, commit, date, settings, ceilings and the native
 * peers' status (for a merged report also each run it was merged from, with its own header), then per experiment its
 * summary, per-variant crossovers, skipped sizes and every trial with all its statistics. Times are seconds, rates
 * per second, bytes bytes; a figure that was not measured is null. What was measured (times, ceilings) is written
 * exactly, so {@link JsonReportReader} reads back the same report; what is computed from it (speed-ups, verdicts,
 * rates, crossovers, coefficients of variation, noise warnings, the failure count) has six significant digits and
 * is computed again on reading.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(SuiteReport report) {
        Json json = new Json().beginObject(null);
        header(json, report.machine(), report.settings(), report.ceilings(), report.nativePeerStatus(),
                report.wallSeconds());
        json.field("failures", report.failureCount());
        if (report.merged()) {
            json.beginArray("merged_from");
            for (MergedRun run : report.mergedFrom()) {
                json.beginObject(null).field("file", run.source()).beginArray("experiments");
                run.experiments().forEach(name -> json.raw(null, Json.quote(name)));
                json.endArray();
                header(json, run.machine(), run.settings(), run.ceilings(), run.nativePeerStatus(), run.wallSeconds());
                json.endObject();
            }
            json.endArray();
        }
        json.beginArray("experiments");
        for (ExperimentOutcome outcome : report.outcomes()) {
            experiment(json, outcome);
        }
        json.endArray();
        return json.endObject().toString();
    }

    /** What identifies a run: for a merged report, its summary of the runs' headers, and each run's own. */
    private static void header(Json json, MachineDescription machine, RunSettings settings, Ceilings ceilings,
            Map<String, String> nativePeerStatus, double wallSeconds) {
        json.beginObject("machine").field("gpu", machine.gpu()).field("gpu_memory_bytes", machine.gpuMemoryBytes())
                .field("driver", machine.driver()).field("cpu", machine.cpu()).field("cores", machine.cores())
                .field("host_memory_bytes", machine.hostMemoryBytes()).field("java", machine.javaVersion()).endObject();
        json.field("commit", machine.commit()).field("date", machine.date());
        json.beginObject("settings").field("profile", settings.profile().displayName());
        json.beginArray("sizes");
        settings.sizes().forEach(size -> json.raw(null, Long.toString(size)));
        json.endArray().field("runs", settings.runs()).field("warmups", settings.warmups())
                .field("grows_to_memory", settings.growsToMemory()).endObject();
        json.beginObject("ceilings").exactField("device_copy_bytes_per_second", ceilings.copyBytesPerSecond())
                .exactField("pcie_host_to_device_bytes_per_second", ceilings.hostToDeviceBytesPerSecond())
                .exactField("pcie_device_to_host_bytes_per_second", ceilings.deviceToHostBytesPerSecond());
        json.beginArray("measurements");
        for (Measurement measurement : ceilings.measurements()) {
            json.beginObject(null).field("name", measurement.name()).exactField("value", measurement.value())
                    .field("unit", measurement.unit().name().toLowerCase(java.util.Locale.ROOT)).endObject();
        }
        json.endArray().endObject();
        json.beginObject("native_peers");
        nativePeerStatus.forEach(json::field);
        json.endObject();
        json.exactField("wall_seconds", wallSeconds);
    }

    private static void experiment(Json json, ExperimentOutcome outcome) {
        json.beginObject(null).field("name", outcome.name()).field("description", outcome.description())
                .field("size_unit", outcome.sizeUnit()).field("status", outcome.ran() ? "measured" : "not yet")
                .field("reason", outcome.notYet());
        double speedUp = outcome.summarySpeedUp(false);
        double withTransfers = outcome.summarySpeedUp(true);
        json.beginObject("summary").field("speed_up", speedUp).field("verdict", verdict(speedUp))
                .field("speed_up_with_transfers", withTransfers).field("verdict_with_transfers", verdict(withTransfers))
                .endObject();
        json.beginArray("variants");
        for (String variant : outcome.variants()) {
            json.beginObject(null).field("name", variant);
            crossover(json, "crossover", outcome.crossover(variant, false));
            crossover(json, "crossover_with_transfers", outcome.crossover(variant, true));
            json.endObject();
        }
        json.endArray();
        json.beginArray("skipped");
        outcome.skipped().forEach(line -> json.raw(null, Json.quote(line)));
        json.endArray();
        json.beginArray("trials");
        for (TrialResult result : outcome.results()) {
            trial(json, result);
        }
        json.endArray().endObject();
    }

    private static void crossover(Json json, String key, Crossover crossover) {
        json.beginObject(key).field("kind", crossover.kind().name().toLowerCase(java.util.Locale.ROOT))
                .field("size", crossover.kind() == Crossover.Kind.CROSSES ? crossover.size() : -1)
                .field("text", crossover.describe()).endObject();
    }

    private static void trial(Json json, TrialResult result) {
        json.beginObject(null).field("variant", result.variant()).field("size", result.size())
                .field("elements", result.shape().elements()).field("device_bytes", result.shape().deviceBytes())
                .field("upload_bytes", result.shape().uploadBytes())
                .field("download_bytes", result.shape().downloadBytes())
                .exactField("generation_seconds", result.generationSeconds());
        json.beginObject("baseline").field("name", result.baselineName())
                .field("absent_reason", result.baselineAbsentReason());
        statistics(json, "seconds", result.baseline());
        json.endObject();
        json.beginObject("contender").field("name", result.contenderName())
                .field("absent_reason", result.contenderAbsentReason());
        statistics(json, "device_seconds", result.contenderDevice());
        statistics(json, "end_to_end_seconds", result.contenderEndToEnd());
        statistics(json, "transfer_seconds", result.transfer());
        json.endObject();
        json.field("speed_up", result.speedUp()).field("verdict", verdict(result.speedUp()))
                .field("speed_up_with_transfers", result.speedUpWithTransfers())
                .field("verdict_with_transfers", verdict(result.speedUpWithTransfers()))
                .field("device_bytes_per_second", result.deviceBytesPerSecond())
                .field("elements_per_second", result.contenderElementsPerSecond())
                .field("transfer_bytes_per_second", result.transferBytesPerSecond());
        json.beginArray("peers");
        for (PeerResult peer : result.peers()) {
            json.beginObject(null).field("name", peer.name()).exactField("median_seconds", peer.medianSeconds())
                    .field("note", peer.note());
            statistics(json, "seconds", peer.statistics());
            json.endObject();
        }
        json.endArray();
        json.beginArray("noisy");
        result.noisyMeasurements().forEach(line -> json.raw(null, Json.quote(line)));
        json.endArray();
        json.field("validation", result.validation()).field("failure", result.failure()).endObject();
    }

    private static void statistics(Json json, String key, Statistics statistics) {
        if (statistics == null) {
            json.raw(key, "null");
            return;
        }
        json.beginObject(key).field("runs", statistics.runs()).exactField("median", statistics.median())
                .exactField("min", statistics.min()).exactField("max", statistics.max())
                .exactField("mean", statistics.mean()).exactField("stddev", statistics.standardDeviation())
                .field("cv_percent", statistics.coefficientOfVariationPercent()).endObject();
    }

    static String verdict(double speedUp) {
        return speedUp > 0 && Double.isFinite(speedUp) ? Verdict.of(speedUp).name() : null;
    }
}
