package dev.forge.sql;

import com.google.common.collect.Range;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableStatistics;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;

/**
 * Selectivity of a predicate over a scanned table from the catalog's exact column statistics: an equality keeps
 * 1/distinct of the rows, an IN list k/distinct, a range the share of [min, max] it covers (numbers and dates), IS
 * NULL the null fraction. Calcite's guesses (0.15 per equality, 0.5 per range) make a filtered dimension table look
 * as big as an unfiltered one, and the join order follows the guess. Conjuncts multiply (independence); anything
 * else keeps Calcite's guess.
 */
public final class CatalogSelectivity extends RelMdSelectivity {
    private static final double SMALLEST = 1e-9;

    public Double getSelectivity(TableScan scan, RelMetadataQuery metadata, RexNode predicate) {
        CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
        if (predicate == null || table == null) {
            return RelMdUtil.guessSelectivity(predicate);
        }
        TableStatistics statistics = table.statistics();
        double selectivity = 1;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            selectivity *= conjunct(conjunct, statistics);
        }
        return Math.max(SMALLEST, Math.min(1, selectivity));
    }

    private static double conjunct(RexNode conjunct, TableStatistics statistics) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().isEmpty()) {
            return RelMdUtil.guessSelectivity(conjunct);
        }
        RexNode first = call.getOperands().getFirst();
        ColumnStatistics column = first instanceof RexInputRef ref && ref.getIndex() < statistics.columns().size()
                ? statistics.columns().get(ref.getIndex()) : null;
        if (column == null || statistics.rowCount() <= 0) {
            return RelMdUtil.guessSelectivity(conjunct);
        }
        double rows = statistics.rowCount();
        double nonNull = (rows - column.nullCount()) / rows;
        RexLiteral literal = call.getOperands().size() == 2 && call.getOperands().get(1) instanceof RexLiteral value
                ? value : null;
        Double guess = switch (call.getKind()) {
            case IS_NULL -> column.nullCount() / rows;
            case IS_NOT_NULL -> nonNull;
            case EQUALS -> literal == null ? null : pointShare(1, column) * nonNull;
            case NOT_EQUALS -> literal == null ? null : (1 - pointShare(1, column)) * nonNull;
            case LESS_THAN, LESS_THAN_OR_EQUAL -> literal == null ? null
                    : rangeShare(column, null, number(literal.getValue4())) * nonNull;
            case GREATER_THAN, GREATER_THAN_OR_EQUAL -> literal == null ? null
                    : rangeShare(column, number(literal.getValue4()), null) * nonNull;
            case SEARCH -> literal == null ? null : search(literal.getValueAs(Sarg.class), column, nonNull);
            default -> null;
        };
        return guess == null || guess.isNaN() ? RelMdUtil.guessSelectivity(conjunct) : guess;
    }

    /** A Sarg: its points count against the distinct values, its ranges against [min, max]. */
    private static Double search(Sarg<?> sarg, ColumnStatistics column, double nonNull) {
        if (sarg == null || sarg.isComplementedPoints()) {
            return null;
        }
        if (sarg.isPoints()) {
            return pointShare(sarg.pointCount, column) * nonNull;
        }
        double share = 0;
        for (Range<?> range : sarg.rangeSet.asRanges()) {
            Double low = range.hasLowerBound() ? number(range.lowerEndpoint()) : null;
            Double high = range.hasUpperBound() ? number(range.upperEndpoint()) : null;
            if ((range.hasLowerBound() && low == null) || (range.hasUpperBound() && high == null)) {
                return null;
            }
            share += low != null && low.equals(high) ? pointShare(1, column) : rangeShare(column, low, high);
        }
        return Math.min(1, share) * nonNull;
    }

    private static double pointShare(int points, ColumnStatistics column) {
        return column.distinctCountKnown() && column.distinctCount() > 0
                ? Math.min(1, points / (double) column.distinctCount()) : 0.15 * points;
    }

    /** The share of [min, max] between low and high (either open); NaN where min and max are not numbers. */
    private static double rangeShare(ColumnStatistics column, Double low, Double high) {
        Double min = number(column.min());
        Double max = number(column.max());
        if (min == null || max == null) {
            return Double.NaN;
        }
        if (max <= min) {
            return 1;
        }
        double from = low == null ? min : Math.max(min, low);
        double to = high == null ? max : Math.min(max, high);
        return Math.max(0, to - from) / (max - min);
    }

    /** Numbers (decimals included) and dates (days since the epoch) as doubles; null for anything else. */
    private static Double number(Object value) {
        return switch (value) {
            case Number number -> number.doubleValue();
            case DateString date -> (double) date.getDaysSinceEpoch();
            case null, default -> null;
        };
    }
}
