package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.engine.corpus.ResultRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A host table holding rows read from the CPU emulation, as the runner's result readers would have built it from the
 * device: what a later stage of the same plan scans or binds.
 */
final class EmulatedTables {
    private EmulatedTables() {
    }

    static Table of(ResultRows rows, List<Field> fields) {
        List<Column> columns = new ArrayList<>();
        try {
            for (int c = 0; c < fields.size(); c++) {
                DataType type = fields.get(c).type();
                try (ColumnBuilder builder = ColumnBuilder.of(type, rows.rowCount())) {
                    for (List<Object> row : rows.rows()) {
                        append(builder, type, row.get(c));
                    }
                    columns.add(builder.build());
                }
            }
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
        return new Table(new Schema(fields), columns);
    }

    private static void append(ColumnBuilder builder, DataType type, Object value) {
        if (value == null) {
            builder.appendNull();
            return;
        }
        switch (type) {
            case DataType.Boolean _ -> builder.appendBoolean((Boolean) value);
            case DataType.Int32 _ -> builder.appendInt(((BigDecimal) value).intValueExact());
            case DataType.Int64 _ -> builder.appendLong(((BigDecimal) value).longValueExact());
            case DataType.Decimal _ -> builder.appendDecimal((BigDecimal) value);
            case DataType.Float32 _ -> builder.appendFloat((float) (double) (Double) value);
            case DataType.Float64 _ -> builder.appendDouble((Double) value);
            case DataType.Date _ -> builder.appendDate((LocalDate) value);
            case DataType.Timestamp _ -> builder.appendTimestamp(((LocalDateTime) value).toInstant(ZoneOffset.UTC));
            case DataType.Varchar _ -> builder.appendString((String) value);
        }
    }
}
