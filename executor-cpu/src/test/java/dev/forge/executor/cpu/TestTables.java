package dev.forge.executor.cpu;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.plan.Scan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Builds small tables from rows of plain Java values, and reads results back the same way. */
final class TestTables {
    private TestTables() {
    }

    /**
     * A table of {@code rows} (values as in {@link dev.forge.plan.expr.Literal}: Integer for INT32 and DATE, Long,
     * Double, Float, BigDecimal, String, Boolean; null for NULL). VARCHAR columns use {@code layout}.
     */
    static Table table(List<Field> fields, List<List<Object>> rows, StringLayout layout) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < fields.size(); c++) {
            DataType type = fields.get(c).type();
            try (ColumnBuilder builder = ColumnBuilder.of(type, rows.size())) {
                if (type instanceof DataType.Varchar) {
                    builder.stringLayout(layout);
                }
                for (List<Object> row : rows) {
                    append(builder, type, row.get(c));
                }
                columns.add(builder.build());
            }
        }
        return new Table(new Schema(fields), columns);
    }

    static Table table(List<Field> fields, List<List<Object>> rows) {
        return table(fields, rows, StringLayout.PLAIN);
    }

    private static void append(ColumnBuilder builder, DataType type, Object value) {
        if (value == null) {
            builder.appendNull();
            return;
        }
        switch (type) {
            case DataType.Boolean _ -> builder.appendBoolean((Boolean) value);
            case DataType.Int32 _, DataType.Date _ -> builder.appendInt((Integer) value);
            case DataType.Int64 _, DataType.Timestamp _ -> builder.appendLong((Long) value);
            case DataType.Float32 _ -> builder.appendFloat((Float) value);
            case DataType.Float64 _ -> builder.appendDouble((Double) value);
            case DataType.Decimal _ -> builder.appendDecimal((BigDecimal) value);
            case DataType.Varchar _ -> builder.appendString((String) value);
        }
    }

    /** A scan of every column of a table with these fields. */
    static Scan scan(String table, List<Field> fields) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(i);
        }
        return new Scan(table, columns, fields, List.of());
    }

    /** The table's rows as lists of plain Java values (null for NULL). */
    static List<List<Object>> rows(Table table) {
        List<List<Object>> rows = new ArrayList<>();
        for (long row = 0; row < table.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (Column column : table.columns()) {
                values.add(column.view().getObject(row));
            }
            rows.add(values);
        }
        return rows;
    }

    static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        for (Object value : values) {
            row.add(value);
        }
        return row;
    }
}
