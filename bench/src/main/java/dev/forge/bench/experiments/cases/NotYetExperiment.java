package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import java.util.List;
import java.util.Optional;

/**
 * An experiment of the suite whose GPU side is not built yet: listed, and reported as "not yet" with the reason,
 * never run and never guessed.
 */
public record NotYetExperiment(String name, String description, String reason) implements Experiment {

    public static NotYetExperiment parse() {
        return new NotYetExperiment("parse", "CSV and NDJSON parsing on the GPU into typed columns, checked against"
                + " columnar's DelimitedReader and NdjsonReader", "there is no GPU CSV or NDJSON parser yet (columnar's"
                + " readers run on the CPU only)");
    }

    @Override
    public List<String> variants() {
        return List.of();
    }

    @Override
    public Optional<String> notYet() {
        return Optional.of(reason);
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 0;
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 0;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub(reason);
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        throw new UnsupportedOperationException(name + " cannot run yet: " + reason);
    }
}
