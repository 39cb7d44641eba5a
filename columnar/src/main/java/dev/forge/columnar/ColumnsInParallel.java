package dev.forge.columnar;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Makes a table's columns concurrently, one task per column, for the steps that build every column of a table at
 * once (decoding a {@code .forge} file, joining a parallel reader's parts): columns are independent, and one at a
 * time leaves cores idle while pages of new column memory are faulted in and filled.
 */
public final class ColumnsInParallel {
    private ColumnsInParallel() {
    }

    /** Makes column {@code index} of the table; may throw {@code E} or an unchecked exception. */
    @FunctionalInterface
    public interface ColumnMaker<E extends Exception> {
        Column make(int index) throws E;
    }

    /**
     * Columns {@code 0 .. count - 1}, in order. Every task has finished or failed before this returns; on a failure
     * the columns made are closed and the failure of the lowest-numbered column is thrown, the one a
     * column-at-a-time loop would have thrown.
     */
    @SuppressWarnings("unchecked") // a maker throws E or unchecked exceptions only
    public static <E extends Exception> List<Column> make(int count, ColumnMaker<E> maker) throws E {
        Column[] columns = new Column[count];
        Throwable[] failures = new Throwable[count];
        // no task throws, so the stream returns only once every column is made or has failed
        IntStream.range(0, count).parallel().forEach(c -> {
            try {
                columns[c] = maker.make(c);
            } catch (Exception | Error failed) {
                failures[c] = failed;
            }
        });
        for (Throwable failure : failures) {
            if (failure != null) {
                for (Column column : columns) {
                    if (column != null) {
                        column.close();
                    }
                }
                switch (failure) {
                    case RuntimeException unchecked -> throw unchecked;
                    case Error fatal -> throw fatal;
                    default -> throw (E) failure;
                }
            }
        }
        return Arrays.asList(columns);
    }
}
