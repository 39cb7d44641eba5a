package dev.forge.bench.experiments.cases;

import java.util.List;

/**
 * A query of the SQL experiments over {@link SqlFacts}' tables: its name (the variant), its text, and how results are
 * compared: as unordered rows, or (for a top-N query) position by position on {@code sortColumn}.
 *
 * @param sortColumn the 0-based column a top-N query orders by, or -1 for a query without ORDER BY
 */
record SqlQuery(String name, String sql, int sortColumn) {

    /** The end-to-end pipeline of issue 8: filter, group, aggregate, order, limit. */
    static final SqlQuery TOP_KEYS = new SqlQuery("top 10 keys",
            "SELECT key, SUM(amount) AS total FROM facts WHERE category < 50 GROUP BY key ORDER BY 2 DESC LIMIT 10", 1);

    static final List<SqlQuery> DUCKDB_COMPARISON = List.of(
            new SqlQuery("filter + sum", "SELECT COUNT(*), SUM(amount) FROM facts WHERE category < 10", -1),
            new SqlQuery("group by key", "SELECT key, COUNT(*), SUM(amount) FROM facts GROUP BY key", -1),
            TOP_KEYS,
            new SqlQuery("join + group by", "SELECT d.region, COUNT(*), SUM(f.amount) FROM facts f JOIN dims d"
                    + " ON f.key = d.key WHERE f.category < 50 GROUP BY d.region", -1));

    static SqlQuery named(List<SqlQuery> queries, String name) {
        return queries.stream().filter(query -> query.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no query named '" + name + "'"));
    }

    /** Bytes of the fact columns the query reads (key, amount, category: 20 bytes a row). */
    static long factBytes(long rows) {
        return 20 * rows;
    }
}
