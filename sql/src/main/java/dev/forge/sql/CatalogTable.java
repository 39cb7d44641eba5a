package dev.forge.sql;

import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * One catalog table as Calcite sees it: its row type and its exact statistics. Unique keys are exactly the catalog's;
 * none is ever inferred, because a wrong key lets Calcite drop a needed aggregate or join and answer wrongly. Schema and
 * statistics are asked of the catalog only when a query names the table, once per planning.
 */
final class CatalogTable extends AbstractTable {
    private final String name;
    private final TableCatalog catalog;
    private Schema schema;
    private TableStatistics statistics;

    CatalogTable(String name, TableCatalog catalog) {
        this.name = name;
        this.catalog = catalog;
    }

    String name() {
        return name;
    }

    Schema schema() {
        if (schema == null) {
            schema = catalog.schema(name);
        }
        return schema;
    }

    TableStatistics statistics() {
        if (statistics == null) {
            statistics = catalog.statistics(name);
        }
        return statistics;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder row = typeFactory.builder();
        for (Field field : schema().fields()) {
            row.add(field.name(), TypeMapping.toSql(typeFactory, field));
        }
        return row.build();
    }

    @Override
    public Statistic getStatistic() {
        TableStatistics statistics = statistics();
        List<ImmutableBitSet> keys = new ArrayList<>();
        for (List<Integer> key : statistics.uniqueKeys()) {
            keys.add(ImmutableBitSet.of(key));
        }
        return new Statistic() {
            @Override
            public Double getRowCount() {
                return (double) statistics.rowCount();
            }

            @Override
            public boolean isKey(ImmutableBitSet columns) {
                return keys.stream().anyMatch(columns::contains);
            }

            @Override
            public List<ImmutableBitSet> getKeys() {
                return keys;
            }
        };
    }
}
