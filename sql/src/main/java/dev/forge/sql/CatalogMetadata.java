package dev.forge.sql;

import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableStatistics;
import java.util.List;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Calcite's metadata with the catalog's exact column statistics added: the distinct count of a scanned column comes
 * from the catalog instead of a guess (row counts and unique keys already come through {@link CatalogTable}).
 */
final class CatalogMetadata {
    private static final JaninoRelMetadataProvider PROVIDER = JaninoRelMetadataProvider.of(
            ChainedRelMetadataProvider.of(List.of(ReflectiveRelMetadataProvider.reflectiveSource(
                    new CatalogDistinctRowCount(), BuiltInMetadata.DistinctRowCount.Handler.class),
                    DefaultRelMetadataProvider.INSTANCE)));

    private CatalogMetadata() {
    }

    static RelMetadataQuery query() {
        return new RelMetadataQuery(PROVIDER);
    }

    /** Distinct values of scanned columns from the catalog, scaled down by the predicate's selectivity. */
    public static final class CatalogDistinctRowCount extends RelMdDistinctRowCount {
        @Override
        public Double getDistinctRowCount(TableScan scan, RelMetadataQuery metadata, ImmutableBitSet groupKey,
                RexNode predicate) {
            CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
            if (table == null || groupKey.isEmpty()) {
                return super.getDistinctRowCount(scan, metadata, groupKey, predicate);
            }
            TableStatistics statistics = table.statistics();
            double rows = statistics.rowCount();
            double distinct = 1;
            for (int column : groupKey) {
                ColumnStatistics columnStatistics = column < statistics.columns().size()
                        ? statistics.columns().get(column) : null;
                if (columnStatistics == null || !columnStatistics.distinctCountKnown()) {
                    return super.getDistinctRowCount(scan, metadata, groupKey, predicate);
                }
                // A NULL is a group of its own.
                distinct *= columnStatistics.distinctCount() + (columnStatistics.nullCount() > 0 ? 1 : 0);
            }
            double selectivity = predicate == null ? 1 : RelMdUtil.guessSelectivity(predicate);
            return Math.max(1, Math.min(distinct, rows) * selectivity);
        }
    }
}
