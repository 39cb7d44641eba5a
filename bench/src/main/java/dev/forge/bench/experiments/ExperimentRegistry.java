package dev.forge.bench.experiments;

import dev.forge.bench.experiments.cases.CompactExperiment;
import dev.forge.bench.experiments.cases.DuckDbExperiment;
import dev.forge.bench.experiments.cases.FilterExperiment;
import dev.forge.bench.experiments.cases.GemmExperiment;
import dev.forge.bench.experiments.cases.GemvExperiment;
import dev.forge.bench.experiments.cases.GroupByExperiment;
import dev.forge.bench.experiments.cases.HashJoinExperiment;
import dev.forge.bench.experiments.cases.HistogramExperiment;
import dev.forge.bench.experiments.cases.ParseExperiment;
import dev.forge.bench.experiments.cases.PipelineExperiment;
import dev.forge.bench.experiments.cases.RadixSortExperiment;
import dev.forge.bench.experiments.cases.ReduceExperiment;
import dev.forge.bench.experiments.cases.ScanExperiment;
import dev.forge.bench.experiments.cases.SpreadsheetExperiment;
import dev.forge.bench.experiments.cases.TimeSeriesExperiment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The suite's experiments, in the order `forge bench list` shows and `forge bench run all` runs them. */
public final class ExperimentRegistry {
    private ExperimentRegistry() {
    }

    public static List<Experiment> all() {
        return List.of(new ReduceExperiment(), new ScanExperiment(), new CompactExperiment(),
                new RadixSortExperiment(), new HistogramExperiment(), new FilterExperiment(), new GroupByExperiment(),
                new HashJoinExperiment(), new TimeSeriesExperiment(), new SpreadsheetExperiment(),
                new PipelineExperiment(), new DuckDbExperiment(), new GemmExperiment(), new GemvExperiment(),
                new ParseExperiment());
    }

    /** The experiments named, in the order given ("all" for every one); an unknown name lists the known ones. */
    public static List<Experiment> select(List<String> names) {
        List<Experiment> all = all();
        Set<Experiment> chosen = new LinkedHashSet<>();
        for (String name : names) {
            if (name.equals("all")) {
                chosen.addAll(all);
                continue;
            }
            Experiment experiment = all.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no experiment '" + name + "': choose from "
                            + String.join(", ", all.stream().map(Experiment::name).toList()) + ", or all"));
            chosen.add(experiment);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("name at least one experiment, or all (see forge bench list)");
        }
        return new ArrayList<>(chosen);
    }
}
