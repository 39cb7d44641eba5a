package dev.forge.cli.shell;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.output.PrintOptions;
import dev.forge.cli.query.EngineChoice;

/**
 * What a session starts with and its dot commands change: the engine, the result format, whether the summary line
 * follows each result ({@code --timer}, {@code .timer}), colour, how many rows a table shows before eliding, and
 * whether failures print their stack trace ({@code --debug}).
 */
public final class SessionSettings {
    EngineChoice engine;
    OutputFormat format;
    boolean timer;
    final boolean color;
    final long maxTableRows;
    final boolean debug;

    public SessionSettings(EngineChoice engine, OutputFormat format, boolean timer, boolean color, long maxTableRows,
            boolean debug) {
        this.engine = engine;
        this.format = format;
        this.timer = timer;
        this.color = color;
        this.maxTableRows = maxTableRows;
        this.debug = debug;
    }

    public EngineChoice engine() {
        return engine;
    }

    public OutputFormat format() {
        return format;
    }

    public boolean timer() {
        return timer;
    }

    PrintOptions printOptions() {
        return new PrintOptions(color, maxTableRows);
    }
}
