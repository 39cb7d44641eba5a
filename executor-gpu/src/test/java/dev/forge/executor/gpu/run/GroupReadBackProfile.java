package dev.forge.executor.gpu.run;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times the host's half of reading a grouped aggregation back on made-up group words, column by column ({@link
 * AggregateResult#decodeGroups}) and value by value ({@link AggregateResult#decodeGroupsByValue}), no GPU needed: {@code java -cp <test class path> dev.forge.executor.gpu.run.GroupReadBackProfile [groups]}
 * (default 15M, the groups of TPC-H Q18's first stage at SF 10). Prints the medians of 5 runs after 2.
 */
public final class GroupReadBackProfile {
    private GroupReadBackProfile() {
    }

    public static void main(String[] arguments) {
        long groups = arguments.length > 0 ? Long.parseLong(arguments[0]) : 15_000_000L;
        GroupReadBack readBack = GroupReadBack.plan();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(groups * readBack.rowWords() * 8, 8);
            readBack.fill(memory, groups, 7);
            double fast = medianMillis(() -> AggregateResult.decodeGroups(readBack.kernel(), readBack.sink(), memory,
                    groups, GroupReadBackProfile::noStrings));
            double byValue = medianMillis(() -> AggregateResult.decodeGroupsByValue(readBack.kernel(), readBack.sink(),
                    memory, groups, GroupReadBackProfile::noStrings));
            int columns = 2 + readBack.kernel().aggregates().size();
            System.out.printf(Locale.ROOT, "%d groups of %d columns (%s), %d cores: column by column %.1f ms (%.1f ns a"
                    + " value), value by value %.1f ms (%.1f ns)%n", groups, columns, GroupReadBack.SQL,
                    Runtime.getRuntime().availableProcessors(), fast, fast * 1e6 / groups / columns, byValue,
                    byValue * 1e6 / groups / columns);
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
