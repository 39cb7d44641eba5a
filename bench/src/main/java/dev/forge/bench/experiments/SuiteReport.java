package dev.forge.bench.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one suite run measured, with what identifies it: the machine, commit and date, the settings, the ceilings
 * measured at its start, how each native peer was measured or why not ("CUB" and "cuBLAS" to one line each), and
 * each experiment's outcome in the order they ran. A report merged from several runs' JSON
 * ({@code forge bench report}) lists those runs in {@code mergedFrom}; its header then summarises theirs (see
 * {@code report.ReportMerge}).
 *
 * @param mergedFrom empty for a report of one run
 */
public record SuiteReport(MachineDescription machine, RunSettings settings, Ceilings ceilings,
        Map<String, String> nativePeerStatus, List<ExperimentOutcome> outcomes, double wallSeconds,
        List<MergedRun> mergedFrom) {

    public SuiteReport {
        nativePeerStatus = Collections.unmodifiableMap(new LinkedHashMap<>(nativePeerStatus));
        outcomes = List.copyOf(outcomes);
        mergedFrom = List.copyOf(mergedFrom);
    }

    /** The report of one run. */
    public SuiteReport(MachineDescription machine, RunSettings settings, Ceilings ceilings,
            Map<String, String> nativePeerStatus, List<ExperimentOutcome> outcomes, double wallSeconds) {
        this(machine, settings, ceilings, nativePeerStatus, outcomes, wallSeconds, List.of());
    }

    public boolean merged() {
        return !mergedFrom.isEmpty();
    }

    /** Trials that failed, validation failures included; a run with any exits non-zero. */
    public long failureCount() {
        return outcomes.stream().mapToLong(ExperimentOutcome::failureCount).sum();
    }
}
