package dev.forge.bench.experiments;

import java.util.List;
import java.util.Optional;

/**
 * One experiment of the suite: a named workload measured in variants (element types, selectivities, cardinalities)
 * at every size of the run, the contender against a fair baseline, with peers where they exist. An experiment whose
 * parts are not built yet says so through {@link #notYet} and is listed but not run.
 */
public interface Experiment {

    /** The name `forge bench run` takes: lower case, no spaces. */
    String name();

    /** One line for `forge bench list`. */
    String description();

    /** The variants measured at every size; empty for an experiment that is not ready. */
    List<String> variants();

    /** What the size means for this experiment ("rows", "keys", "cells"). */
    default String sizeUnit() {
        return "elements";
    }

    /** Why this experiment cannot run yet; empty when it can. */
    default Optional<String> notYet() {
        return Optional.empty();
    }

    /**
     * The run's settings as this experiment sizes itself: the run's sizes (and a thorough run's growth), unless this
     * experiment's size counts something else, as the matrix experiments' side n does.
     */
    default RunSettings ownSizes(RunSettings run) {
        return run;
    }

    /**
     * Why a trial of {@code variant} at {@code size} cannot run whatever the memory (a limit of the baseline's own,
     * such as a reader that holds its input in one Java array), or empty when it can; such sizes are listed as
     * skipped with the reason.
     */
    default Optional<String> sizeLimit(String variant, long size) {
        return Optional.empty();
    }

    /** Device memory one trial of {@code variant} at {@code size} takes at most, for sizing thorough runs. */
    long deviceBytes(String variant, long size);

    /** Host memory one trial takes at most (inputs, the baseline's and the contender's outputs). */
    long hostBytes(String variant, long size);

    /**
     * The native peer's part in a trial of {@code variant}: what its harness measures (CUB for most primitives,
     * cuBLAS for the matrix products), or why CUB has no counterpart.
     */
    NativeCase nativePeer(String variant);

    /** Generates the trial's data and readies both sides; the caller closes the trial. */
    Trial prepare(String variant, long size, TrialContext context);
}
