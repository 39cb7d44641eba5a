package dev.forge.engine.statistics;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.Table;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableStatistics;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact statistics of a whole table, one column per core. Unique keys are only ever ones that hold: a single column
 * whose distinct count equals the row count with no NULLs, and, for a table without such a column, a pair of its
 * leading integer columns checked value by value (a wrong key makes the planner return wrong answers).
 */
public final class TableStatisticsCalculator {
    /** Pairs are looked for among this many leading columns: where keys conventionally sit, and cheap to check. */
    private static final int PAIR_KEY_CANDIDATES = 4;

    private TableStatisticsCalculator() {
    }

    public static TableStatistics compute(Table table) {
        List<ColumnView> views = table.columns().stream().map(column -> column.view()).toList();
        List<ColumnStatistics> columns = IntStream.range(0, views.size()).parallel()
                .mapToObj(index -> ColumnStatisticsCalculator.compute(views.get(index))).toList();
        long rows = table.rowCount();
        List<List<Integer>> keys = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            if (isUnique(columns.get(index), rows)) {
                keys.add(List.of(index));
            }
        }
        if (keys.isEmpty()) {
            keys.addAll(verifiedPairKeys(views, columns, rows));
        }
        return new TableStatistics(rows, columns, keys);
    }

    static boolean isUnique(ColumnStatistics column, long rows) {
        return column.nullCount() == 0 && column.distinctCount() == rows;
    }

    private static List<List<Integer>> verifiedPairKeys(List<ColumnView> views, List<ColumnStatistics> columns,
            long rows) {
        List<Integer> candidates = new ArrayList<>();
        for (int index = 0; index < Math.min(PAIR_KEY_CANDIDATES, views.size()); index++) {
            if (columns.get(index).nullCount() == 0 && isFixedInteger(views.get(index).type())) {
                candidates.add(index);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            for (int j = i + 1; j < candidates.size(); j++) {
                int first = candidates.get(i);
                int second = candidates.get(j);
                // fewer value combinations than rows: a duplicate is certain without looking
                double combinations = (double) columns.get(first).distinctCount() * columns.get(second).distinctCount();
                if (combinations >= rows) {
                    pairs.add(new int[] {first, second});
                }
            }
        }
        return pairs.parallelStream().filter(pair -> pairIsUnique(views.get(pair[0]), views.get(pair[1])))
                .map(pair -> List.of(pair[0], pair[1])).toList();
    }

    private static boolean isFixedInteger(DataType type) {
        return switch (type) {
            case DataType.Int32 _, DataType.Int64 _, DataType.Date _, DataType.Timestamp _ -> true;
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION;
            case DataType.Boolean _, DataType.Float32 _, DataType.Float64 _, DataType.Varchar _ -> false;
        };
    }

    private static boolean pairIsUnique(ColumnView first, ColumnView second) {
        return HashPartitions.worthSplitting(first.length())
                ? pairIsUniqueByPartition(first, second, HashPartitions.BITS) : pairIsUniqueInOnePass(first, second);
    }

    /**
     * {@link #pairIsUnique} as 2^{@code bits} tasks, one per partition of the pairs by their hash's top bits: equal
     * pairs share a partition ({@link HashPartitions}). TPC-H lineitem's (order, line number) key took 10 s on one core at SF 10 (60M rows).
     */
    static boolean pairIsUniqueByPartition(ColumnView first, ColumnView second, int bits) {
        int rows = Math.toIntExact(first.length());
        byte[] partitionOf = HashPartitions.of(rows, bits, row -> true,
                row -> LongPairHashSet.hash(integerAt(first, row), integerAt(second, row)));
        return IntStream.range(0, 1 << bits).parallel().allMatch(partition -> {
            LongPairHashSet seen = new LongPairHashSet();
            for (int row = 0; row < rows; row++) {
                if (partitionOf[row] == partition && !seen.add(integerAt(first, row), integerAt(second, row))) {
                    return false;
                }
            }
            return true;
        });
    }

    static boolean pairIsUniqueInOnePass(ColumnView first, ColumnView second) {
        LongPairHashSet seen = new LongPairHashSet();
        for (long row = 0; row < first.length(); row++) {
            if (!seen.add(integerAt(first, row), integerAt(second, row))) {
                return false;
            }
        }
        return true;
    }

    private static long integerAt(ColumnView column, long row) {
        MemorySegment values = column.values();
        return column.physicalType().valueBytes() == 8 ? values.getAtIndex(Layouts.LONG, row)
                : values.getAtIndex(Layouts.INT, row);
    }
}
