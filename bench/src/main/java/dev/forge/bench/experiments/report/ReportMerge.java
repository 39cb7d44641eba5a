package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.SuiteReport;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the reports of several suite runs (the chunks of one {@code forge bench run all} too long for one command,
 * each read back from its JSON) into one report of the whole suite:
 * <ul>
 * <li>the runs must have measured the same GPU and host: GPU name and memory, driver, CPU model and cores; else an
 * error naming both files and what differs;
 * <li>an experiment may come from one run only; one measured in two inputs is an error naming both (which run is
 * right is not guessed: leave one file out, or re-run the chunk without it); one that a run reports as "not yet" is
 * taken from a run that measured it (a chunk run later, once the experiment was built);
 * <li>the experiments come in the suite's order ({@link ExperimentRegistry}), any the suite does not know (JSON of
 * another version) after them in the order read;
 * <li>the header summarises the runs': the first run's machine, Java and host memory; every distinct commit; the
 * dates from the earliest to the latest (an ISO 8601 interval, "start/end"); the first run's profile, runs and
 * warm-ups with every run's sizes; the first run's ceilings, which every fraction of copy and the roofline use; one
 * native peer line where the runs agree, else each run's; the sum of the wall times;
 * <li>every run stays listed with its own header ({@link SuiteReport#mergedFrom}), which the Markdown page shows.
 * </ul>
 * An input that is itself a merged report contributes the runs it was merged from.
 */
public final class ReportMerge {
    private ReportMerge() {
    }

    /** A run's report and the name of the file it was read from, as the merged report will show it. */
    public record Input(String source, SuiteReport report) {
    }

    public static SuiteReport merge(List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: name at least one run's JSON");
        }
        List<MergedRun> runs = new ArrayList<>();
        Map<String, String> sourceOfExperiment = new LinkedHashMap<>();
        Map<String, ExperimentOutcome> outcomeOf = new LinkedHashMap<>();
        Input first = inputs.getFirst();
        for (Input input : inputs) {
            requireSameMachine(first, input);
            for (ExperimentOutcome outcome : input.report().outcomes()) {
                ExperimentOutcome earlier = outcomeOf.get(outcome.name());
                if (earlier == null || !earlier.ran() && outcome.ran()) {
                    outcomeOf.put(outcome.name(), outcome); // a run that measured it replaces one that could not yet
                    sourceOfExperiment.put(outcome.name(), input.source());
                } else if (earlier.ran() && outcome.ran()) {
                    throw new IllegalArgumentException("experiment '" + outcome.name() + "' is in both "
                            + sourceOfExperiment.get(outcome.name()) + " and " + input.source() + ": a merged report"
                            + " takes each experiment from one run, so leave one of the files out or run that chunk"
                            + " again without it");
                }
            }
            runs.addAll(input.report().merged() ? input.report().mergedFrom()
                    : List.of(MergedRun.of(input.source(), input.report())));
        }
        List<ExperimentOutcome> outcomes = new ArrayList<>(outcomeOf.values());
        Map<String, Integer> order = suiteOrder(outcomes);
        outcomes.sort(Comparator.comparingInt(outcome -> order.get(outcome.name())));
        MachineDescription firstMachine = runs.getFirst().machine();
        MachineDescription machine = new MachineDescription(firstMachine.gpu(), firstMachine.gpuMemoryBytes(),
                firstMachine.driver(), firstMachine.cpu(), firstMachine.cores(), firstMachine.hostMemoryBytes(),
                firstMachine.javaVersion(), commits(runs), dates(runs));
        return new SuiteReport(machine, settings(runs), runs.getFirst().ceilings(), nativePeerStatus(runs), outcomes,
                runs.stream().mapToDouble(MergedRun::wallSeconds).sum(), runs);
    }

    private static void requireSameMachine(Input first, Input other) {
        MachineDescription a = first.report().machine();
        MachineDescription b = other.report().machine();
        List<String> differences = new ArrayList<>();
        difference(differences, "GPU", a.gpu(), b.gpu());
        difference(differences, "GPU memory", a.gpuMemoryBytes(), b.gpuMemoryBytes());
        difference(differences, "driver", a.driver(), b.driver());
        difference(differences, "CPU", a.cpu(), b.cpu());
        difference(differences, "cores", a.cores(), b.cores());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(other.source() + " was measured on another machine than "
                    + first.source() + " (" + String.join("; ", differences) + "): a merged report describes one"
                    + " GPU and host, so merge only runs measured on the same kind of machine");
        }
    }

    private static void difference(List<String> differences, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            differences.add(what + " " + Json.quote(String.valueOf(a)) + " vs " + Json.quote(String.valueOf(b)));
        }
    }

    /** Each experiment's place: the suite's order, then names the suite does not know, as read. */
    private static Map<String, Integer> suiteOrder(List<ExperimentOutcome> outcomes) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Experiment experiment : ExperimentRegistry.all()) {
            order.put(experiment.name(), order.size());
        }
        for (ExperimentOutcome outcome : outcomes) {
            order.putIfAbsent(outcome.name(), order.size());
        }
        return order;
    }

    private static String commits(List<MergedRun> runs) {
        Set<String> commits = new LinkedHashSet<>();
        runs.forEach(run -> commits.add(run.machine().commit()));
        return String.join(", ", commits);
    }

    /** One date, or the earliest and latest as "start/end" (in the order given where a date does not parse). */
    private static String dates(List<MergedRun> runs) {
        List<String> dates = runs.stream().map(run -> run.machine().date()).toList();
        String earliest = dates.getFirst();
        String latest = dates.getLast();
        try {
            Comparator<String> byInstant = Comparator.comparing(date -> OffsetDateTime.parse(date).toInstant());
            earliest = dates.stream().min(byInstant).orElseThrow();
            latest = dates.stream().max(byInstant).orElseThrow();
        } catch (DateTimeParseException notIso) {
            // keep the order given
        }
        return earliest.equals(latest) ? earliest : earliest + "/" + latest;
    }

    private static RunSettings settings(List<MergedRun> runs) {
        RunSettings first = runs.getFirst().settings();
        List<Long> sizes = runs.stream().flatMap(run -> run.settings().sizes().stream()).toList();
        return new RunSettings(first.profile(), sizes, first.runs(), first.warmups(),
                runs.stream().anyMatch(run -> run.settings().growsToMemory()),
                runs.stream().anyMatch(run -> run.settings().cubPeer()),
                runs.stream().anyMatch(run -> run.settings().sizesGiven()));
    }

    /** Per peer, the one status all runs gave, or each run's ("a.json: ...; b.json: ..."). */
    private static Map<String, String> nativePeerStatus(List<MergedRun> runs) {
        Map<String, List<String>> byPeer = new LinkedHashMap<>();
        Map<String, Set<String>> distinct = new LinkedHashMap<>();
        for (MergedRun run : runs) {
            run.nativePeerStatus().forEach((peer, status) -> {
                byPeer.computeIfAbsent(peer, key -> new ArrayList<>()).add(run.source() + ": " + status);
                distinct.computeIfAbsent(peer, key -> new LinkedHashSet<>()).add(status);
            });
        }
        Map<String, String> merged = new LinkedHashMap<>();
        byPeer.forEach((peer, statuses) -> merged.put(peer, distinct.get(peer).size() == 1
                ? distinct.get(peer).iterator().next() : String.join("; ", statuses)));
        return merged;
    }
}
