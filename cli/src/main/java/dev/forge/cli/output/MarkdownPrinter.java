package dev.forge.cli.output;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.util.List;

/** A GitHub-flavoured Markdown table: numbers right-aligned, pipes escaped, NULL written as NULL. */
final class MarkdownPrinter implements ResultPrinter {
    @Override
    public void print(Table result, List<String> names, Appendable out) throws IOException {
        List<String> headings = ResultPrinter.headings(result, names);
        ColumnView[] views = result.columns().stream().map(c -> c.view()).toArray(ColumnView[]::new);
        out.append('|');
        for (String heading : headings) {
            out.append(' ').append(escape(heading)).append(" |");
        }
        out.append("\n|");
        for (ColumnView view : views) {
            out.append(ValueText.isNumeric(view.type()) ? "---:|" : "---|");
        }
        out.append('\n');
        for (long row = 0; row < result.rowCount(); row++) {
            out.append('|');
            for (ColumnView view : views) {
                String text = ValueText.exact(view, row);
                out.append(' ').append(text == null ? "NULL" : escape(text)).append(" |");
            }
            out.append('\n');
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
