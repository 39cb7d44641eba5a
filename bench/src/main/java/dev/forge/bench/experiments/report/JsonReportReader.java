package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Ceilings;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.bench.Measurement;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON that {@link JsonReport} writes ({@code forge bench run --json}, or results.json of a report folder)
 * back into the {@link SuiteReport} it was written from, so that the runs of a suite measured in chunks can be merged
 * into one report. Strict: every key the writer writes must be there with its type, and no other; figures the writer
 * computes (speed-ups, verdicts, rates, crossovers, noise warnings) are skipped and computed again from the times.
 * The failure count is checked against the trials.
 *
 * <p>Three things a report never shows are not in the JSON and read as: the run settings' {@code cubPeer} and
 * {@code sizesGiven} false (they steer a run, not its report); a ceiling measurement's recorded best NaN, and
 * higher-is-better for bandwidths, not for latencies (as {@code forge info --bench} measures them).
 */
public final class JsonReportReader {
    private JsonReportReader() {
    }

    /** Reads {@code file}; errors name it as {@code source} (the path as the user gave it). */
    public static SuiteReport read(Path file, String source) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new IOException(source + ": no such file", missing);
        } catch (CharacterCodingException notText) {
            throw new IOException(source + ": not UTF-8 text, so not a report's JSON", notText);
        } catch (IOException unreadable) {
            throw new IOException(source + ": cannot be read: " + unreadable, unreadable);
        }
        return read(text, source);
    }

    public static SuiteReport read(String text, String source) throws ReportFormatException {
        JsonFields root = JsonFields.root(JsonParser.parse(text, source), source);
        if (!root.has("experiments") || !root.has("machine")) {
            throw root.error("has no 'machine' and 'experiments': not the JSON of `forge bench run --json` (or a"
                    + " report folder's results.json)");
        }
        Header header = header(root);
        long failures = root.whole("failures");
        List<MergedRun> mergedFrom = new ArrayList<>();
        if (root.has("merged_from")) {
            for (JsonFields run : root.objects("merged_from")) {
                String file = run.text("file");
                List<String> experiments = run.texts("experiments");
                Header its = header(run);
                run.finish();
                mergedFrom.add(new MergedRun(file, experiments, its.machine, its.settings, its.ceilings,
                        its.nativePeerStatus, its.wallSeconds));
            }
        }
        List<ExperimentOutcome> outcomes = new ArrayList<>();
        for (JsonFields experiment : root.objects("experiments")) {
            outcomes.add(experiment(experiment));
        }
        root.finish();
        SuiteReport report = new SuiteReport(header.machine, header.settings, header.ceilings,
                header.nativePeerStatus, outcomes, header.wallSeconds, mergedFrom);
        if (report.failureCount() != failures) {
            throw root.error("failures", "says " + failures + " but " + report.failureCount()
                    + " trial(s) have a failure: the file was changed after it was written");
        }
        return report;
    }

    private record Header(MachineDescription machine, RunSettings settings, Ceilings ceilings,
            Map<String, String> nativePeerStatus, double wallSeconds) {
    }

    private static Header header(JsonFields run) throws ReportFormatException {
        JsonFields machine = run.object("machine");
        MachineDescription description = new MachineDescription(machine.text("gpu"),
                machine.whole("gpu_memory_bytes"), machine.text("driver"), machine.text("cpu"), machine.count("cores"),
                machine.whole("host_memory_bytes"), machine.text("java"), run.text("commit"), run.text("date"));
        machine.finish();
        return new Header(description, settings(run.object("settings")), ceilings(run.object("ceilings")),
                run.textMembers("native_peers"), run.number("wall_seconds"));
    }

    private static RunSettings settings(JsonFields settings) throws ReportFormatException {
        Profile profile;
        try {
            profile = Profile.parse(settings.text("profile"));
        } catch (IllegalArgumentException unknown) {
            throw settings.error("profile", unknown.getMessage());
        }
        List<Long> sizes = settings.wholes("sizes");
        int runs = settings.count("runs");
        int warmups = settings.count("warmups");
        boolean grows = settings.flag("grows_to_memory");
        settings.finish();
        try {
            return new RunSettings(profile, sizes, runs, warmups, grows, false, false);
        } catch (IllegalArgumentException invalid) {
            throw settings.error(invalid.getMessage());
        }
    }

    private static Ceilings ceilings(JsonFields ceilings) throws ReportFormatException {
        List<Measurement> measurements = new ArrayList<>();
        for (JsonFields measurement : ceilings.objects("measurements")) {
            String unitName = measurement.text("unit");
            Measurement.Unit unit = null;
            for (Measurement.Unit candidate : Measurement.Unit.values()) {
                if (candidate.name().toLowerCase(Locale.ROOT).equals(unitName)) {
                    unit = candidate;
                }
            }
            if (unit == null) {
                throw measurement.error("unit", "expected bytes_per_second or microseconds, found "
                        + Json.quote(unitName));
            }
            measurements.add(new Measurement(measurement.text("name"), measurement.number("value"), unit, Double.NaN,
                    unit == Measurement.Unit.BYTES_PER_SECOND));
            measurement.finish();
        }
        Ceilings read = new Ceilings(ceilings.number("device_copy_bytes_per_second"),
                ceilings.number("pcie_host_to_device_bytes_per_second"),
                ceilings.number("pcie_device_to_host_bytes_per_second"), measurements);
        ceilings.finish();
        return read;
    }

    private static ExperimentOutcome experiment(JsonFields experiment) throws ReportFormatException {
        String name = experiment.text("name");
        String status = experiment.text("status");
        String notYet = experiment.textOrNull("reason");
        if (!(status.equals("measured") && notYet == null) && !(status.equals("not yet") && notYet != null)) {
            throw experiment.error("status", "expected \"measured\" with a null reason, or \"not yet\" with a"
                    + " reason; found " + Json.quote(status) + " with " + (notYet == null ? "none" : "a reason"));
        }
        List<String> variants = new ArrayList<>();
        for (JsonFields variant : experiment.objects("variants")) {
            variants.add(variant.text("name"));
            variant.skip("crossover", "crossover_with_transfers");
            variant.finish();
        }
        List<TrialResult> trials = new ArrayList<>();
        for (JsonFields trial : experiment.objects("trials")) {
            trials.add(trial(name, trial));
        }
        ExperimentOutcome outcome = new ExperimentOutcome(name, experiment.text("description"),
                experiment.text("size_unit"), notYet, variants, trials, experiment.texts("skipped"));
        experiment.skip("summary");
        experiment.finish();
        return outcome;
    }

    private static TrialResult trial(String experiment, JsonFields trial) throws ReportFormatException {
        TrialShape shape = new TrialShape(trial.whole("elements"), trial.whole("device_bytes"),
                trial.whole("upload_bytes"), trial.whole("download_bytes"));
        JsonFields baseline = trial.object("baseline");
        JsonFields contender = trial.object("contender");
        List<PeerResult> peers = new ArrayList<>();
        for (JsonFields peer : trial.objects("peers")) {
            peers.add(new PeerResult(peer.text("name"), peer.number("median_seconds"),
                    statistics(peer.objectOrNull("seconds")), peer.textOrNull("note")));
            peer.finish();
        }
        TrialResult result = new TrialResult(experiment, trial.text("variant"), trial.whole("size"), shape,
                trial.number("generation_seconds"), baseline.textOrNull("name"),
                statistics(baseline.objectOrNull("seconds")), baseline.textOrNull("absent_reason"),
                contender.textOrNull("name"), contender.textOrNull("absent_reason"),
                statistics(contender.objectOrNull("device_seconds")),
                statistics(contender.objectOrNull("end_to_end_seconds")),
                statistics(contender.objectOrNull("transfer_seconds")), peers, trial.textOrNull("validation"),
                trial.textOrNull("failure"));
        baseline.finish();
        contender.finish();
        trial.skip("speed_up", "verdict", "speed_up_with_transfers", "verdict_with_transfers",
                "device_bytes_per_second", "elements_per_second", "transfer_bytes_per_second", "noisy");
        trial.finish();
        return result;
    }

    private static Statistics statistics(JsonFields statistics) throws ReportFormatException {
        if (statistics == null) {
            return null;
        }
        Statistics read = new Statistics(statistics.count("runs"), statistics.number("median"),
                statistics.number("min"), statistics.number("max"), statistics.number("mean"),
                statistics.number("stddev"));
        statistics.skip("cv_percent");
        statistics.finish();
        return read;
    }
}
