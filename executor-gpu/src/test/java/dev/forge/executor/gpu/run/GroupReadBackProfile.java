package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Times the host's half of reading a grouped aggregation back on made-up group words, column by column ({@link
 * AggregateResult#decodeGroups}) and value by value ({@link AggregateResult#decodeGroupsByValue}), no GPU needed:
 * {@code java -cp <test class path> dev.forge.executor.gpu.run.GroupReadBackProfile [groups]}. First the numbers of
 * TPC-H Q18's first stage at SF 10 (default 15M groups of {@link GroupReadBack#SQL}'s six columns), then a result
 * shaped like TPC-H Q10's at SF 10 (381K groups, three string keys over 1.5M-entry dictionaries of 60-byte strings),
 * and that result again when a TopN of 20 follows (only its candidates decoded, {@link
 * AggregateResult#decodeCandidates}). Prints the medians of 5 runs after 2.
 */
public final class GroupReadBackProfile {
    private static final String STRING_KEYS_SQL = "SELECT l_comment, l_shipinstruct, l_shipmode, COUNT(*) AS n,"
            + " SUM(l_quantity) AS q FROM lineitem GROUP BY l_comment, l_shipinstruct, l_shipmode";
    private static final int STRING_GROUPS = 381_000;
    private static final int DICTIONARY_ENTRIES = 1_500_000;

    private GroupReadBackProfile() {
    }

    public static void main(String[] arguments) {
        long groups = arguments.length > 0 ? Long.parseLong(arguments[0]) : 15_000_000L;
        profile(GroupReadBack.plan(), groups, GroupReadBackProfile::noStrings, 0);
        try (Column dictionary = dictionary()) {
            profile(GroupReadBack.plan(STRING_KEYS_SQL), STRING_GROUPS, expression -> dictionary.view(),
                    DICTIONARY_ENTRIES);
            profileTop(GroupReadBack.plan(STRING_KEYS_SQL + " ORDER BY q DESC LIMIT 20"), STRING_GROUPS,
                    expression -> dictionary.view(), DICTIONARY_ENTRIES);
        }
    }

    /** All groups decoded, against only the candidates of the TopN that follows (as Q10's 20 of 381K). */
    private static void profileTop(GroupReadBack readBack, long groups, Function<Expr, ColumnView> dictionaries,
            int dictionaryEntries) {
        double[] millis = medians(readBack, groups, dictionaries, dictionaryEntries, AggregateResult::decodeCandidates);
        System.out.printf(Locale.ROOT, "%d groups, a TopN of %d after them, %d cores: every group decoded %.1f ms,"
                + " only the TopN's candidates %.2f ms%n", groups, readBack.sink().top().count(),
                Runtime.getRuntime().availableProcessors(), millis[0], millis[1]);
    }

    private static void profile(GroupReadBack readBack, long groups, Function<Expr, ColumnView> dictionaries,
            int dictionaryEntries) {
        double[] millis = medians(readBack, groups, dictionaries, dictionaryEntries,
                AggregateResult::decodeGroupsByValue);
        double fast = millis[0];
        double byValue = millis[1];
        int columns = readBack.sink().fields().size();
        System.out.printf(Locale.ROOT, "%d groups of %d columns (%s), %d cores: column by column %.1f ms (%.1f ns a"
                + " value), value by value %.1f ms (%.1f ns)%n", groups, columns, readBack.sink().describe(),
                Runtime.getRuntime().availableProcessors(), fast, fast * 1e6 / groups / columns, byValue,
                byValue * 1e6 / groups / columns);
    }

    /** A way of reading the group words back ({@code AggregateResult}'s decoders). */
    private interface GroupDecoder {
        Table decode(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory, long groups,
                Function<Expr, ColumnView> dictionaries);
    }

    /**
     * The median milliseconds of {@link AggregateResult#decodeGroups} and of {@code other} over the same made-up words
     * of {@code groups} groups.
     */
    private static double[] medians(GroupReadBack readBack, long groups, Function<Expr, ColumnView> dictionaries,
            int dictionaryEntries, GroupDecoder other) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(groups * readBack.rowWords() * 8, 8);
            readBack.fill(memory, groups, 7, dictionaryEntries);
            return new double[] {
                medianMillis(() -> AggregateResult.decodeGroups(readBack.kernel(), readBack.sink(), memory, groups,
                        dictionaries)),
                medianMillis(() -> other.decode(readBack.kernel(), readBack.sink(), memory, groups, dictionaries))};
        }
    }

    /** 1.5M distinct 60-byte strings, sorted (as a column's dictionary is). */
    private static Column dictionary() {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN)) {
            for (int i = 0; i < DICTIONARY_ENTRIES; i++) {
                builder.appendString(String.format(Locale.ROOT, "%09d carefully final deposits sleep quickly across",
                        i));
            }
            return builder.build();
        }
    }

    private static ColumnView noStrings(Expr expression) {
        throw new IllegalStateException("no strings here: " + expression);
    }

    /** The median of 5 runs after 2. */
    private static double medianMillis(Supplier<Table> read) {
        double[] millis = new double[5];
        for (int run = -2; run < millis.length; run++) {
            long start = System.nanoTime();
            try (Table table = read.get()) {
                if (run >= 0) {
                    millis[run] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return millis[2];
    }
}
