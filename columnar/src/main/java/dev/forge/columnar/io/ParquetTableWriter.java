package dev.forge.columnar.io;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a {@link Table} as a flat Parquet file through parquet-floor, with DATE, DECIMAL (up to 18 digits, as INT64)
 * and TIMESTAMP (microseconds, UTC) annotations so that {@link ParquetTableReader} and other engines read the types
 * back. Wider decimals are refused: parquet-floor cannot write fixed-length binary.
 */
public final class ParquetTableWriter {
    private ParquetTableWriter() {
    }

    public static void write(Table table, Path path) throws IOException {
        MessageType schema = parquetSchema(path, table);
        int columns = table.schema().size();
        ColumnView[] views = new ColumnView[columns];
        String[] names = new String[columns];
        for (int c = 0; c < columns; c++) {
            views[c] = table.column(c).view();
            names[c] = table.schema().field(c).name();
        }
        Dehydrator<Long> dehydrator = (row, out) -> {
            for (int c = 0; c < columns; c++) {
                if (!views[c].isNull(row)) {
                    out.write(names[c], valueOf(views[c], row));
                }
            }
        };
        Files.deleteIfExists(path); // the Parquet writer refuses to overwrite
        try (ParquetWriter<Long> writer = ParquetWriter.writeFile(schema, path.toFile(), dehydrator)) {
            for (long row = 0; row < table.rowCount(); row++) {
                writer.write(row);
            }
        }
    }

    private static Object valueOf(ColumnView view, long row) {
        return switch (view.type()) {
            case DataType.Boolean ignored -> view.getBoolean(row);
            case DataType.Int32 ignored -> view.getInt(row);
            case DataType.Date ignored -> view.getInt(row);
            case DataType.Int64 ignored -> view.getLong(row);
            case DataType.Timestamp ignored -> view.getLong(row);
            case DataType.Decimal ignored -> view.getLong(row);
            case DataType.Float32 ignored -> view.getFloat(row);
            case DataType.Float64 ignored -> view.getDouble(row);
            case DataType.Varchar ignored -> view.getString(row);
        };
    }

    private static MessageType parquetSchema(Path path, Table table) throws BadInputException {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : table.schema().fields()) {
            Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            Type type = switch (field.type()) {
                case DataType.Boolean ignored -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.name());
                case DataType.Int32 ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(field.name());
                case DataType.Date ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType()).named(field.name());
                case DataType.Int64 ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
                case DataType.Timestamp ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(field.name());
                case DataType.Decimal decimal -> {
                    if (decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION) {
                        throw new BadInputException(path, 0, 0, "column '" + field.name() + "' is " + decimal
                                + ": Parquet output holds decimals of up to 18 digits");
                    }
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision())).named(field.name());
                }
                case DataType.Float32 ignored -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(field.name());
                case DataType.Float64 ignored -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name());
                case DataType.Varchar ignored -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(field.name());
            };
            message.addField(type);
        }
        return message.named("forge");
    }
}
