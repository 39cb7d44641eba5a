package dev.forge.executor.gpu.run;

import dev.forge.columnar.Table;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the host's half of reading a grouped aggregation back ({@link AggregateResult#decodeGroups}) on made-up group
 * words, no GPU needed: {@code java -cp <test class path> dev.forge.executor.gpu.run.GroupReadBackProfile [groups]}
 * (default 15M, the groups of TPC-H Q18's first stage at SF 10). Prints the median of 5 runs after 2.
 */
public final class GroupReadBackProfile {
    private GroupReadBackProfile() {
    }

    public static void main(String[] arguments) {
        long groups = arguments.length > 0 ? Long.parseLong(arguments[0]) : 15_000_000L;
        GroupReadBack readBack = GroupReadBack.plan();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(groups * readBack.rowWords() * 8, 8);
            readBack.fill(memory, groups, 7);
            double[] millis = new double[5];
            for (int run = -2; run < millis.length; run++) {
                long start = System.nanoTime();
                try (Table table = AggregateResult.decodeGroups(readBack.kernel(), readBack.sink(), memory, groups,
                        expression -> {
                            throw new IllegalStateException("no strings here");
                        })) {
                    if (run >= 0) {
                        millis[run] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "%d groups of %d columns (%s): median %.1f ms, %.1f ns a value%n", groups,
                    2 + readBack.kernel().aggregates().size(), GroupReadBack.SQL, millis[2],
                    millis[2] * 1e6 / groups / (2 + readBack.kernel().aggregates().size()));
        }
    }
}
