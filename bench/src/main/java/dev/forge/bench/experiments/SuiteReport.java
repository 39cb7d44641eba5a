package dev.forge.bench.experiments;

import java.util.List;

/**
 * Everything one suite run measured, with what identifies it: the machine, commit and date, the settings, the ceilings
 * measured at its start, how CUB was measured (or why not), and each experiment's outcome in the order they ran.
 */
public record SuiteReport(MachineDescription machine, RunSettings settings, Ceilings ceilings, String cubStatus,
        List<ExperimentOutcome> outcomes, double wallSeconds) {

    public SuiteReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Trials that failed, validation failures included; a run with any exits non-zero. */
    public long failureCount() {
        return outcomes.stream().mapToLong(ExperimentOutcome::failureCount).sum();
    }
}
