package dev.forge.cli.output;

import dev.forge.columnar.Table;
import java.io.IOException;
import java.util.List;

/** Writes a result table in one {@link OutputFormat}; {@code names} are the column headings (the table's own if null). */
public interface ResultPrinter {
    void print(Table result, List<String> names, Appendable out) throws IOException;

    static List<String> headings(Table result, List<String> names) {
        if (names != null) {
            if (names.size() != result.schema().size()) {
                throw new IllegalArgumentException(names.size() + " headings for " + result.schema().size()
                        + " columns");
            }
            return names;
        }
        return result.schema().fields().stream().map(dev.forge.columnar.Field::name).toList();
    }
}
