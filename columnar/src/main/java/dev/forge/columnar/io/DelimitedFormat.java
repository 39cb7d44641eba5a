package dev.forge.columnar.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The shape of a delimited text file: field delimiter, quote character ({@code -1} for none), header, and whether
 * each line ends with a spare delimiter (TPC-H dbgen's {@code .tbl} files end every line with {@code |}).
 */
public record DelimitedFormat(byte delimiter, int quote, HeaderMode header, boolean trailingDelimiter) {
    public static final int NO_QUOTE = -1;

    public DelimitedFormat {
        if (delimiter == '\n' || delimiter == '\r' || delimiter == quote) {
            throw new IllegalArgumentException("delimiter " + printable(delimiter) + " cannot be a line end or the quote");
        }
    }

    /** RFC 4180: commas, double quotes, header detected. */
    public static DelimitedFormat csv() {
        return new DelimitedFormat((byte) ',', '"', HeaderMode.DETECT, false);
    }

    public static DelimitedFormat tsv() {
        return new DelimitedFormat((byte) '\t', '"', HeaderMode.DETECT, false);
    }

    /** TPC-H/SSB dbgen output: {@code |} between fields and at the end of each line, no quoting, no header. */
    public static DelimitedFormat tbl() {
        return new DelimitedFormat((byte) '|', NO_QUOTE, HeaderMode.ABSENT, true);
    }

    /** The format a file's extension suggests ({@code .tsv}, {@code .tbl}, anything else CSV). */
    public static DelimitedFormat forPath(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return tsv();
        }
        if (name.endsWith(".tbl")) {
            return tbl();
        }
        return csv();
    }

    public DelimitedFormat withHeader(HeaderMode mode) {
        return new DelimitedFormat(delimiter, quote, mode, trailingDelimiter);
    }

    public DelimitedFormat withDelimiter(char character) {
        if (character > 0x7F) {
            throw new IllegalArgumentException("delimiter " + character + " is not a single-byte (ASCII) character");
        }
        return new DelimitedFormat((byte) character, quote, header, trailingDelimiter);
    }

    public boolean quoting() {
        return quote != NO_QUOTE;
    }

    static String printable(int character) {
        return switch (character) {
            case '\t' -> "'\\t'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            default -> "'" + (char) character + "'";
        };
    }
}
