package dev.forge.cli.query;

/** One measured step of a query (parse, plan, compile, upload, kernels, download, format) and how long it took. */
public record Stage(String name, long nanos) {
    public Stage {
        if (nanos < 0) {
            throw new IllegalArgumentException("stage " + name + " took a negative time: " + nanos + " ns");
        }
    }
}
