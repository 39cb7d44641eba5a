package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.codegen.StringFunctionGenerator;
import dev.forge.executor.gpu.memory.QueryPinnedCache;
import dev.forge.executor.gpu.memory.StringDictionaryCache;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.List;

/**
 * The sorted dictionaries behind a pipeline's VARCHAR expressions: a column's own (its dictionary-encoded copy's), or,
 * for a string function of a column (SUBSTRING, UPPER, ... with constant other arguments), one derived on the host by
 * applying the function with the CPU executor (so the semantics are the CPU's) to each entry of the column's dictionary,
 * with the mapping from the column's codes to the derived codes. Derived dictionaries are cached by column object and
 * function, least recently used first out beyond a byte budget but never one the running query uses: a query asks for
 * one when it binds the kernel and again when it reads the result, and TPC-H Q22 in two stages. LIKE's matches over a
 * dictionary are cached the same way. Not thread-safe.
 */
public final class StringDictionaries implements AutoCloseable {
    private static final String ENTRIES_TABLE = "$dictionary_entries";

    private final QueryPinnedCache<Key, Derived> derived;
    private final QueryPinnedCache<MatchKey, int[]> matches;
    private final CpuExecutor cpu = new CpuExecutor();

    public StringDictionaries(long budgetBytes) {
        this.derived = new QueryPinnedCache<>(budgetBytes, Derived::bytes, made -> made.values().close());
        this.matches = new QueryPinnedCache<>(budgetBytes, words -> (long) words.length * Integer.BYTES, words -> {
        });
    }

    /** A function (its column reference rebased to 0) of one column object. */
    private record Key(Column column, Expr function) {
    }

    /** A LIKE pattern over the strings of a column object: the column itself, or a function of it (rebased). */
    private record MatchKey(Column column, Expr strings, String pattern, String escape) {
    }

    /** The function's values as a dictionary, and per code of the column's dictionary the derived code (-1: NULL). */
    private record Derived(Column values, int[] codes) {
        long bytes() {
            ColumnView dictionary = values.view().dictionary();
            return (long) codes.length * Integer.BYTES + values.view().values().byteSize()
                    + dictionary.values().byteSize() + dictionary.bytes().byteSize();
        }
    }

    /** The sorted dictionary of {@code strings}: a VARCHAR column of {@code pipeline}, or a string function of one. */
    public ColumnView dictionary(Pipeline pipeline, Expr strings, TableCatalog catalog) {
        if (strings instanceof ColumnRef reference) {
            return HostColumns.column(pipeline, reference.index(), catalog).view().dictionary();
        }
        return derive(pipeline, strings, catalog).values().view().dictionary();
    }

    /**
     * The codes of {@code strings}' dictionary whose strings match a LIKE pattern, one bit per code (see {@link
     * DictionaryMatches}). Cached like the derived dictionaries: a query matches the whole dictionary, and TPC-H Q13's
     * {@code o_comment} holds about 15M entries at SF 10 (about 130 ms of host time on the H100 machine, every run).
     * A column object's dictionary never changes, and a reloaded table brings new column objects.
     */
    public int[] likeMatches(Pipeline pipeline, Expr strings, String pattern, String escape, TableCatalog catalog) {
        ColumnRef source = strings instanceof ColumnRef reference ? reference : StringFunctionGenerator.column(strings);
        Column column = HostColumns.column(pipeline, source.index(), catalog);
        return matches.get(new MatchKey(column, rebased(strings), pattern, escape),
                key -> DictionaryMatches.of(dictionary(pipeline, strings, catalog), pattern, escape));
    }

    /** Per code of the column's dictionary, the code of {@code function}'s value in its own dictionary (-1: NULL). */
    public int[] mapping(Pipeline pipeline, Expr function, TableCatalog catalog) {
        return derive(pipeline, function, catalog).codes();
    }

    private Derived derive(Pipeline pipeline, Expr function, TableCatalog catalog) {
        ColumnRef source = StringFunctionGenerator.column(function);
        Column column = HostColumns.column(pipeline, source.index(), catalog);
        return derived.get(new Key(column, rebased(function)),
                key -> make(column.view().dictionary(), key.function(), catalog));
    }

    /** Applies the function to every dictionary entry with the CPU executor, then encodes the values, sorted. */
    private Derived make(ColumnView dictionary, Expr function, TableCatalog catalog) {
        Column entries = new Column(DataType.VARCHAR, dictionary.length(), 0, null,
                HostBuffer.copyOf(dictionary.values(), "dictionary entries offsets"),
                HostBuffer.copyOf(dictionary.bytes(), "dictionary entries bytes"), null);
        Field entry = Field.required("entry", DataType.VARCHAR);
        try (Table table = new Table(new Schema(List.of(entry)), List.of(entries));
                Table values = cpu.execute(new Project(new Scan(ENTRIES_TABLE, List.of(0), List.of(entry), List.of()),
                        List.of(function), List.of("value")), OverlayCatalog.of(catalog, ENTRIES_TABLE, table))) {
            Column encoded = StringDictionaryCache.encode(values.column(0).view());
            encoded.markCached(); // held across queries on purpose, closed when evicted or when the executor closes
            ColumnView view = encoded.view();
            int[] codes = new int[Math.toIntExact(view.length())];
            for (int code = 0; code < codes.length; code++) {
                codes[code] = view.isNull(code) ? -1 : view.getCode(code);
            }
            return new Derived(encoded, codes);
        }
    }

    /** The function over a one-column table: its column reference becomes field 0. */
    private static Expr rebased(Expr expression) {
        return switch (expression) {
            case ColumnRef reference -> new ColumnRef(0, reference.type(), false);
            case Literal literal -> literal;
            case Call call -> new Call(call.operator(), call.arguments().stream().map(StringDictionaries::rebased)
                    .toList(), call.type(), call.nullable());
        };
    }

    /** Ends the current query's claim on its derived dictionaries: they may be closed again. */
    public void releaseAll() {
        derived.releaseAll();
        matches.releaseAll();
    }

    /** Forgets what was derived from {@code column} (a column that lives only as long as a query). */
    public void forget(Column column) {
        derived.removeIf(key -> key.column() == column);
        matches.removeIf(key -> key.column() == column);
    }

    @Override
    public void close() {
        derived.close();
        matches.close();
    }
}
