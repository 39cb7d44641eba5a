package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Schema;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.codegen.KernelParameter;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The catalog a GPU query runs over: the caller's, except that every plain (offsets + bytes) VARCHAR column a kernel
 * reads is replaced by a dictionary-encoded copy, because kernels handle strings as codes into a sorted dictionary.
 * Only the columns the kernels read are encoded. The tables it returns share their columns with the caller's catalog
 * and the encoder's cache: they must never be closed.
 */
public final class DictionaryCatalog implements TableCatalog {
    private final TableCatalog tables;
    private final Map<String, Table> replaced;

    private DictionaryCatalog(TableCatalog tables, Map<String, Table> replaced) {
        this.tables = tables;
        this.replaced = replaced;
    }

    /**
     * {@code catalog} with the plain VARCHAR columns that {@code kernels} (and the build kernels of their joins) read
     * replaced by {@code encoder}'s dictionary-encoded copies; {@code catalog} itself when there are none.
     */
    public static TableCatalog of(List<GeneratedKernel> kernels, TableCatalog catalog, UnaryOperator<Column> encoder) {
        Map<String, Map<Integer, Column>> replacements = new TreeMap<>();
        for (GeneratedKernel kernel : kernels) {
            collect(kernel, catalog, encoder, replacements);
        }
        if (replacements.isEmpty()) {
            return catalog;
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Column>> entry : replacements.entrySet()) {
            Table original = catalog.table(entry.getKey());
            List<Column> columns = new ArrayList<>(original.columns());
            entry.getValue().forEach(columns::set);
            tables.put(entry.getKey(), new Table(original.schema(), columns));
        }
        return new DictionaryCatalog(catalog, tables);
    }

    private static void collect(GeneratedKernel kernel, TableCatalog catalog, UnaryOperator<Column> encoder,
            Map<String, Map<Integer, Column>> replacements) {
        Scan scan = kernel.pipeline().scan();
        Table table = catalog.table(scan.table());
        for (KernelParameter parameter : kernel.parameters()) {
            if (parameter instanceof KernelParameter.ColumnValues values) {
                int index = scan.columns().get(values.field());
                Column column = table.column(index);
                if (column.type() instanceof DataType.Varchar
                        && column.view().stringLayout() == StringLayout.PLAIN) {
                    replacements.computeIfAbsent(scan.table(), name -> new TreeMap<>())
                            .computeIfAbsent(index, unused -> encoder.apply(column));
                }
            }
        }
        for (GeneratedKernel build : kernel.builds()) {
            collect(build, catalog, encoder, replacements);
        }
    }

    @Override
    public List<String> tableNames() {
        return tables.tableNames();
    }

    @Override
    public Schema schema(String table) {
        return tables.schema(table);
    }

    @Override
    public TableStatistics statistics(String table) {
        return tables.statistics(table);
    }

    @Override
    public Table table(String table) {
        Table encoded = replaced.get(table);
        return encoded != null ? encoded : tables.table(table);
    }
}
