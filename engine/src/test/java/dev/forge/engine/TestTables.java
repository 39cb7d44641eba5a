package dev.forge.engine;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds small tables from Java values for tests. */
public final class TestTables {
    private TestTables() {
    }

    /** A table of {@code fields} whose rows are given as Java values (null for NULL). */
    public static Table of(List<Field> fields, List<List<Object>> rows) {
        List<Column> columns = new ArrayList<>();
        try {
            for (int c = 0; c < fields.size(); c++) {
                try (ColumnBuilder builder = ColumnBuilder.of(fields.get(c).type(), rows.size())) {
                    for (List<Object> row : rows) {
                        append(builder, row.get(c));
                    }
                    columns.add(builder.build());
                }
            }
            return new Table(new Schema(fields), columns);
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
    }

    /** A copy of some columns of {@code source}, as an executor's result would be. */
    public static Table copy(Table source, List<Integer> columns) {
        List<Field> fields = columns.stream().map(source.schema()::field).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (long row = 0; row < source.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (int column : columns) {
                ColumnView view = source.column(column).view();
                values.add(view.isNull(row) ? null
                        : view.type() instanceof DataType.Date ? view.getDate(row) : view.getObject(row));
            }
            rows.add(values);
        }
        return of(fields, rows);
    }

    private static void append(ColumnBuilder builder, Object value) {
        switch (value) {
            case null -> builder.appendNull();
            case Boolean bool -> builder.appendBoolean(bool);
            case Integer number when builder.type() instanceof DataType.Date -> builder.appendInt(number);
            case Integer number -> builder.appendInt(number);
            case Long number -> builder.appendLong(number);
            case Float number -> builder.appendFloat(number);
            case Double number -> builder.appendDouble(number);
            case BigDecimal number -> builder.appendDecimal(number);
            case LocalDate date -> builder.appendDate(date);
            case String text -> builder.appendString(text);
            default -> throw new IllegalArgumentException("no column value for " + value.getClass());
        }
    }
}
