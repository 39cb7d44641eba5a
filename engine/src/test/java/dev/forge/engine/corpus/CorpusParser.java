package dev.forge.engine.corpus;

import dev.forge.sql.BenchmarkQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a corpus file. A file is a sequence of cases; each starts with {@code -- name: <text>} and has, in any order,
 * the directive lines
 * <ul>
 *   <li>{@code -- dataset: features|tpch|ssb} (before the first case it sets the file's default),</li>
 *   <li>{@code -- ordered}: row order is part of the answer (the query has a total ORDER BY),</li>
 *   <li>{@code -- error: <part of the message>}: the query must fail,</li>
 *   <li>{@code -- duckdb-differs: <why>}: DuckDB's answer is not Forge's, so only the written result counts,</li>
 * </ul>
 * then the SQL, ending with a line that ends in {@code ;}. Without more, the answer is DuckDB's. A line {@code ----}
 * after the SQL starts the written answer: one row per line in {@link TextCells}' syntax, up to a blank line
 * ({@code ----} alone is the empty result). {@code -- benchmark: tpch|ssb[/query]} stands for the benchmark's queries
 * from {@link BenchmarkQueries}, each a case of its own, ordered when it has an ORDER BY. Other {@code --} lines and
 * blank lines between cases are comments.
 */
public final class CorpusParser {
    private static final Pattern ORDER_BY = Pattern.compile("\\border\\s+by\\b", Pattern.CASE_INSENSITIVE);

    private CorpusParser() {
    }

    public static List<CorpusCase> parse(String file, String text) {
        List<CorpusCase> cases = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        String defaultDataset = Dataset.FEATURES;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            if (directive(line, "dataset") != null) {
                defaultDataset = directive(line, "dataset");
                i++;
            } else if (directive(line, "benchmark") != null) {
                cases.addAll(benchmark(file, i + 1, directive(line, "benchmark")));
                i++;
            } else if (directive(line, "name") != null) {
                i = parseCase(file, lines, i, defaultDataset, cases);
            } else if (line.isEmpty() || line.startsWith("--")) {
                i++;
            } else {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": SQL outside a case; start each case with"
                        + " '-- name: ...'");
            }
        }
        return cases;
    }

    private static int parseCase(String file, String[] lines, int start, String dataset, List<CorpusCase> cases) {
        String name = directive(lines[start].strip(), "name");
        boolean ordered = false;
        String error = null;
        String differs = null;
        StringBuilder sql = new StringBuilder();
        int i = start + 1;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (sql.isEmpty() && line.startsWith("--")) {
                if (directive(line, "dataset") != null) {
                    dataset = directive(line, "dataset");
                } else if (line.equals("-- ordered")) {
                    ordered = true;
                } else if (directive(line, "error") != null) {
                    error = directive(line, "error");
                } else if (directive(line, "duckdb-differs") != null) {
                    differs = directive(line, "duckdb-differs");
                } else if (directive(line, "name") != null) {
                    throw new IllegalArgumentException(where + ": case '" + name + "' has no SQL");
                }
                continue;
            }
            if (line.isEmpty() && sql.isEmpty()) {
                continue;
            }
            if (directive(line, "name") != null) {
                throw new IllegalArgumentException(where + ": the SQL of case '" + name + "' does not end with ';'");
            }
            sql.append(lines[i]).append('\n');
            if (line.endsWith(";")) {
                i++;
                break;
            }
        }
        String query = sql.toString().strip();
        if (!query.endsWith(";")) {
            throw new IllegalArgumentException(file + ":" + (start + 1) + ": the SQL of case '" + name
                    + "' does not end with ';'");
        }
        query = query.substring(0, query.length() - 1).strip();
        Expectation expectation = error != null ? new Expectation.Error(error) : new Expectation.SameAsDuckDb();
        if (i < lines.length && lines[i].strip().equals("----")) {
            if (error != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": case '" + name
                        + "' expects both an error and rows");
            }
            List<String> rows = new ArrayList<>();
            i++;
            while (i < lines.length && !lines[i].isBlank()) {
                rows.add(lines[i]);
                i++;
            }
            expectation = new Expectation.Rows(ResultRows.parse(rows));
        }
        if (differs != null && expectation instanceof Expectation.SameAsDuckDb) {
            throw new IllegalArgumentException(file + ":" + (start + 1) + ": case '" + name + "' says DuckDB differs"
                    + " but writes no answer of its own (add a ---- block)");
        }
        cases.add(new CorpusCase(file, start + 1, name, dataset, query, ordered, expectation, differs));
        return i;
    }

    private static List<CorpusCase> benchmark(String file, int line, String which) {
        String[] parts = which.split("/", 2);
        List<BenchmarkQueries.Query> queries = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "tpch" -> BenchmarkQueries.tpch();
            case "ssb" -> BenchmarkQueries.ssb();
            default -> throw new IllegalArgumentException(file + ":" + line + ": unknown benchmark '" + parts[0]
                    + "'; use tpch or ssb");
        };
        List<CorpusCase> cases = new ArrayList<>();
        for (BenchmarkQueries.Query query : queries) {
            if (parts.length == 1 || query.name().equals(parts[1])) {
                cases.add(new CorpusCase(file, line, query.id(), query.benchmark(), query.sql(),
                        ORDER_BY.matcher(query.sql()).find(), new Expectation.SameAsDuckDb(), null));
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(file + ":" + line + ": no benchmark query '" + which + "'");
        }
        return cases;
    }

    /** The value of {@code -- key: value}, or null when the line is not that directive. */
    private static String directive(String line, String key) {
        String prefix = "-- " + key + ":";
        return line.startsWith(prefix) ? line.substring(prefix.length()).strip() : null;
    }
}
