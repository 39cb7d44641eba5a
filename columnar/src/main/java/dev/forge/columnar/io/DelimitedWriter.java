package dev.forge.columnar.io;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Table} as delimited text that {@link DelimitedReader} reads back to the same values: nulls are
 * empty fields, and strings that are empty or hold a delimiter, quote or line end are quoted. A format without a
 * quote character ({@code .tbl}) cannot hold such strings, and writing one fails naming the row and column.
 */
public final class DelimitedWriter {
    private final DelimitedFormat format;
    private final boolean header;

    private DelimitedWriter(DelimitedFormat format, boolean header) {
        this.format = format;
        this.header = header;
    }

    /** Writes a header line unless the format says there is none. */
    public static DelimitedWriter of(DelimitedFormat format) {
        return new DelimitedWriter(format, format.header() != HeaderMode.ABSENT);
    }

    public DelimitedWriter header(boolean write) {
        return new DelimitedWriter(format, write);
    }

    public void write(Table table, Path path) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            write(table, out);
        } catch (IllegalArgumentException unrepresentable) {
            throw new BadInputException(path, 0, 0, unrepresentable.getMessage());
        }
    }

    public void write(Table table, OutputStream out) throws IOException {
        int columns = table.schema().size();
        ColumnView[] views = new ColumnView[columns];
        for (int c = 0; c < columns; c++) {
            views[c] = table.column(c).view();
        }
        StringBuilder line = new StringBuilder(256);
        if (header) {
            for (int c = 0; c < columns; c++) {
                Field field = table.schema().field(c);
                appendField(line, field.name(), true, -1, c);
            }
            endLine(line, out);
        }
        for (long row = 0; row < table.rowCount(); row++) {
            for (int c = 0; c < columns; c++) {
                if (views[c].isNull(row)) {
                    appendNull(line, c);
                } else {
                    appendField(line, TextFormatting.format(views[c], row), views[c].physicalType()
                            == dev.forge.columnar.PhysicalType.STRING, row, c);
                }
            }
            endLine(line, out);
        }
    }

    private void appendNull(StringBuilder line, int column) {
        if (column > 0) {
            line.append((char) format.delimiter());
        }
    }

    private void appendField(StringBuilder line, String text, boolean isString, long row, int column) {
        if (column > 0) {
            line.append((char) format.delimiter());
        }
        if (!isString) {
            line.append(text);
            return;
        }
        boolean needsQuotes = text.isEmpty();
        for (int i = 0; i < text.length() && !needsQuotes; i++) {
            char ch = text.charAt(i);
            needsQuotes = ch == format.delimiter() || ch == '\n' || ch == '\r' || (format.quoting() && ch == format.quote());
        }
        if (!needsQuotes) {
            line.append(text);
            return;
        }
        if (!format.quoting()) {
            throw new IllegalArgumentException("row " + (row + 1) + ", column " + (column + 1) + ": the string '" + text
                    + "' cannot be written without quotes (empty, or holding the delimiter or a line end), and this"
                    + " format has no quote character: write CSV instead");
        }
        char quote = (char) format.quote();
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == quote) {
                line.append(quote);
            }
            line.append(ch);
        }
        line.append(quote);
    }

    private void endLine(StringBuilder line, OutputStream out) throws IOException {
        if (format.trailingDelimiter()) {
            line.append((char) format.delimiter());
        }
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }
}
