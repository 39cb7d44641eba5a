package dev.forge.cli.output;

/**
 * Choices for human-readable output: ANSI colour (NULL dimmed, header bold) and how many rows a table shows before it
 * elides the middle ({@code Long.MAX_VALUE} for all: scripts and files always get every row).
 */
public record PrintOptions(boolean color, long maxTableRows) {
    public static final PrintOptions PLAIN = new PrintOptions(false, Long.MAX_VALUE);

    public PrintOptions {
        if (maxTableRows < 2) {
            throw new IllegalArgumentException("a table shows at least 2 rows, not " + maxTableRows);
        }
    }
}
