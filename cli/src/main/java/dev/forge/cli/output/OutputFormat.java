package dev.forge.cli.output;

/** How query results are written: {@code --format} and the shell's {@code .format}. */
public enum OutputFormat {
    /** Aligned columns for people: thousands separators, NULL dimmed on a colour terminal. */
    TABLE,
    /** RFC 4180 with a header row; values exact (decimals never rounded), NULL as an empty field. */
    CSV,
    /** One JSON array of objects; decimals as exact JSON numbers. */
    JSON,
    /** One JSON object per line. */
    JSONL,
    /** A GitHub-flavoured Markdown table. */
    MARKDOWN;

    public ResultPrinter printer(PrintOptions options) {
        return switch (this) {
            case TABLE -> new TablePrinter(options);
            case CSV -> new CsvPrinter();
            case JSON -> new JsonPrinter(false);
            case JSONL -> new JsonPrinter(true);
            case MARKDOWN -> new MarkdownPrinter();
        };
    }
}
