package dev.forge.bench.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one suite run measured, with what identifies it: the machine, commit and date, the settings, the ceilings
 * measured at its start, how each native peer was measured or why not ("CUB" and "cuBLAS" to one line each), and
 * each experiment's outcome in the order they ran.
 */
public record SuiteReport(MachineDescription machine, RunSettings settings, Ceilings ceilings,
        Map<String, String> nativePeerStatus, List<ExperimentOutcome> outcomes, double wallSeconds) {

    public SuiteReport {
        nativePeerStatus = Collections.unmodifiableMap(new LinkedHashMap<>(nativePeerStatus));
        outcomes = List.copyOf(outcomes);
    }

    /** Trials that failed, validation failures included; a run with any exits non-zero. */
    public long failureCount() {
        return outcomes.stream().mapToLong(ExperimentOutcome::failureCount).sum();
    }
}
