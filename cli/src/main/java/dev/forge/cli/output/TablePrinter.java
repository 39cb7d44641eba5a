package dev.forge.cli.output;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for a person at a terminal: numbers right-aligned with thousands separators, text left-aligned and
 * cut at {@value #MAX_WIDTH} characters with an ellipsis, NULL dimmed where colour is on. A result longer than
 * {@link PrintOptions#maxTableRows()} shows its first and last rows around a line saying how many are left out.
 */
final class TablePrinter implements ResultPrinter {
    static final int MAX_WIDTH = 48;
    private static final String NULL = "NULL";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final PrintOptions options;

    TablePrinter(PrintOptions options) {
        this.options = options;
    }

    @Override
    public void print(Table result, List<String> names, Appendable out) throws IOException {
        List<String> headings = ResultPrinter.headings(result, names);
        ColumnView[] views = result.columns().stream().map(c -> c.view()).toArray(ColumnView[]::new);
        long rows = result.rowCount();
        long shown = Math.min(rows, options.maxTableRows());
        long head = rows > shown ? shown / 2 : shown;
        long tailStart = rows > shown ? rows - (shown - head) : rows;

        List<String[]> cells = new ArrayList<>();
        for (long row = 0; row < rows; row = row + 1 == head ? tailStart : row + 1) {
            String[] line = new String[views.length];
            for (int column = 0; column < views.length; column++) {
                line[column] = clip(ValueText.readable(views[column], row));
            }
            cells.add(line);
        }
        int[] widths = new int[views.length];
        for (int column = 0; column < views.length; column++) {
            widths[column] = clip(headings.get(column)).length();
            for (String[] line : cells) {
                widths[column] = Math.max(widths[column], line[column] == null ? NULL.length()
                        : line[column].length());
            }
        }

        for (int column = 0; column < views.length; column++) {
            out.append(column == 0 ? " " : " │ ");
            String heading = pad(clip(headings.get(column)), widths[column], ValueText.isNumeric(views[column].type()));
            out.append(options.color() ? BOLD + heading + RESET : heading);
        }
        out.append('\n');
        for (int column = 0; column < views.length; column++) {
            out.append(column == 0 ? "─" : "─┼─").append("─".repeat(widths[column]));
        }
        out.append('\n');
        for (int index = 0; index < cells.size(); index++) {
            if (index == head && tailStart > head) {
                out.append(" ⋮ ").append(ValueText.groupThousands(Long.toString(tailStart - head)))
                        .append(" rows not shown\n");
            }
            String[] line = cells.get(index);
            for (int column = 0; column < views.length; column++) {
                out.append(column == 0 ? " " : " │ ");
                boolean numeric = ValueText.isNumeric(views[column].type());
                if (line[column] == null) {
                    String text = pad(NULL, widths[column], numeric);
                    out.append(options.color() ? DIM + text + RESET : text);
                } else {
                    out.append(pad(line[column], widths[column], numeric));
                }
            }
            out.append('\n');
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replace('\n', '␤').replace('\r', '␍').replace('\t', ' ');
        return oneLine.length() <= MAX_WIDTH ? oneLine : oneLine.substring(0, MAX_WIDTH - 1) + "…";
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(width - text.length());
        return right ? padding + text : text + padding;
    }
}
