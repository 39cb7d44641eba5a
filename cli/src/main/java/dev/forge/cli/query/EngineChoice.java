package dev.forge.cli.query;

import java.util.Locale;

/** Which executor runs a query: {@code --engine} and the shell's {@code .engine}. */
public enum EngineChoice {
    /** The GPU where there is one and the plan runs there, else the CPU (the summary says why). */
    AUTO,
    /** Only the GPU: a query it cannot run is an error, not a fallback. */
    GPU,
    /** Only the CPU executor. */
    CPU;

    /** Parses "auto", "gpu" or "cpu" in any case; anything else is an error naming the choices. */
    public static EngineChoice parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown engine '" + text + "': choose auto, gpu or cpu");
        }
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
