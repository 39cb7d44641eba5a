package dev.forge.bench.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the runs a merged report was made from: the file its JSON was read from, the experiments it holds and its
 * own header (machine, commit and date, settings, ceilings, native peers, wall time), which the merged report's
 * header can only summarise.
 */
public record MergedRun(String source, List<String> experiments, MachineDescription machine, RunSettings settings,
        Ceilings ceilings, Map<String, String> nativePeerStatus, double wallSeconds) {

    public MergedRun {
        experiments = List.copyOf(experiments);
        nativePeerStatus = Collections.unmodifiableMap(new LinkedHashMap<>(nativePeerStatus));
    }

    /** The header of {@code report}, read from {@code source}. */
    public static MergedRun of(String source, SuiteReport report) {
        return new MergedRun(source, report.outcomes().stream().map(ExperimentOutcome::name).toList(),
                report.machine(), report.settings(), report.ceilings(), report.nativePeerStatus(),
                report.wallSeconds());
    }
}
