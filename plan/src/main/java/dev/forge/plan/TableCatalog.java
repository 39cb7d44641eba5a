package dev.forge.plan;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.util.List;

/**
 * The tables a query can name, as the planner and the executors see them. The planner reads {@link #schema} and
 * {@link #statistics}; executors read {@link #table}. Names are lower case. Implementations load data lazily.
 */
public interface TableCatalog {
    List<String> tableNames();

    /** The table's schema; an unknown name is an {@link IllegalArgumentException} naming the tables there are. */
    Schema schema(String table);

    /**
     * Exact statistics: the planner's cost model and key inference rely on them (a unique key declared wrongly gives
     * wrong answers, so a key is listed only when it is known to hold).
     */
    TableStatistics statistics(String table);

    /** The table's data; owned by the catalog, valid until the catalog is closed or refreshed. */
    Table table(String table);
}
