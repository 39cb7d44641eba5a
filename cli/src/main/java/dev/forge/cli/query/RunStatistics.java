package dev.forge.cli.query;

import java.util.List;

/**
 * What a query run measured: rows returned, rows and bytes its scans read, the time from SQL text to result, the engine
 * that ran it (and why it fell back to the CPU, or null), whether the data and kernels were already resident (warm),
 * how many kernels were compiled for it, and the measured stages in order. A count of -1 means the engine did not say.
 */
public record RunStatistics(long rowsReturned, long rowsScanned, long bytesScanned, long elapsedNanos, EngineChoice engine,
        String fallbackReason, boolean warm, int kernelsCompiled, List<Stage> stages) {
    public RunStatistics {
        if (engine == EngineChoice.AUTO) {
            throw new IllegalArgumentException("a query runs on the GPU or the CPU, not on 'auto'");
        }
        stages = List.copyOf(stages);
    }

    /** The same statistics with one more stage at the end (the command line adds the time it took to print). */
    public RunStatistics withStage(Stage stage) {
        List<Stage> more = new java.util.ArrayList<>(stages);
        more.add(stage);
        return new RunStatistics(rowsReturned, rowsScanned, bytesScanned, elapsedNanos, engine, fallbackReason, warm,
                kernelsCompiled, more);
    }
}
