package dev.forge.columnar.io;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file into a {@link Table} through parquet-floor: DATE, DECIMAL, TIMESTAMP (any unit, stored
 * as microseconds) and string annotations map to Forge's types; nested or repeated columns are refused by name.
 */
public final class ParquetTableReader {
    private ParquetTableReader() {
    }

    public static Table read(Path path) throws IOException {
        MessageType parquetSchema = ParquetReader.readMetadata(path.toFile()).getFileMetaData().getSchema();
        Schema schema = schemaOf(path, parquetSchema);
        List<PrimitiveType> primitives = new ArrayList<>();
        for (Type type : parquetSchema.getFields()) {
            primitives.add(type.asPrimitiveType());
        }
        ColumnBuilder[] builders = new ColumnBuilder[schema.size()];
        try {
            for (int c = 0; c < builders.length; c++) {
                builders[c] = ColumnBuilder.of(schema.field(c).type());
            }
            Hydrator<Object[], Object[], Integer> hydrator = new Hydrator<>() {
                @Override
                public Object[] start() {
                    return new Object[builders.length];
                }

                @Override
                public Object[] add(Object[] row, Integer column, Object value) {
                    row[column] = value;
                    return row;
                }

                @Override
                public Object[] finish(Object[] row) {
                    return row;
                }
            };
            long rowNumber = 0;
            try (Stream<Object[]> rows = ParquetReader.streamContent(path.toFile(), hydrator,
                    columnPath -> parquetSchema.getFieldIndex(columnPath[0]))) {
                Iterator<Object[]> iterator = rows.iterator();
                while (iterator.hasNext()) {
                    Object[] row = iterator.next();
                    rowNumber++;
                    for (int c = 0; c < builders.length; c++) {
                        append(path, rowNumber, schema.field(c), primitives.get(c), builders[c], row[c]);
                    }
                }
            }
            List<Column> columns = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            return new Table(schema, columns);
        } finally {
            for (ColumnBuilder builder : builders) {
                if (builder != null) {
                    builder.close();
                }
            }
        }
    }

    private static void append(Path path, long row, Field field, PrimitiveType parquet, ColumnBuilder builder, Object value)
            throws BadInputException {
        if (value == null) {
            if (!field.nullable()) {
                throw new BadInputException(path, 0, 0, "row " + row + ": required column '" + field.name() + "' is null");
            }
            builder.appendNull();
            return;
        }
        switch (field.type()) {
            case DataType.Boolean ignored -> builder.appendBoolean((Boolean) value);
            case DataType.Int32 ignored -> builder.appendInt((Integer) value);
            case DataType.Date ignored -> builder.appendInt((Integer) value);
            case DataType.Int64 ignored -> builder.appendLong((Long) value);
            case DataType.Timestamp ignored -> builder.appendLong(toMicros(parquet, (Long) value));
            case DataType.Float32 ignored -> builder.appendFloat((Float) value);
            case DataType.Float64 ignored -> builder.appendDouble((Double) value);
            case DataType.Decimal decimal -> {
                switch (value) {
                    case Integer unscaled -> builder.appendLong(unscaled);
                    case Long unscaled when decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION ->
                            builder.appendLong(unscaled);
                    case Long unscaled -> builder.appendDecimal(BigDecimal.valueOf(unscaled, decimal.scale()));
                    default -> builder.appendDecimal(new BigDecimal(value.toString()));
                }
            }
            case DataType.Varchar ignored -> builder.appendString(value.toString());
        }
    }

    private static long toMicros(PrimitiveType parquet, long value) {
        if (parquet.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            return switch (timestamp.getUnit()) {
                case MILLIS -> value * 1000;
                case MICROS -> value;
                case NANOS -> Math.floorDiv(value, 1000);
            };
        }
        return value;
    }

    /** Forge's schema for a flat Parquet schema. */
    static Schema schemaOf(Path path, MessageType parquet) throws BadInputException {
        List<Field> fields = new ArrayList<>();
        for (Type type : parquet.getFields()) {
            if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
                throw new BadInputException(path, 0, 0, "column '" + type.getName() + "' is nested or repeated; Forge"
                        + " reads flat Parquet files only");
            }
            PrimitiveType primitive = type.asPrimitiveType();
            boolean nullable = !type.isRepetition(Type.Repetition.REQUIRED);
            fields.add(new Field(type.getName(), typeOf(primitive), nullable));
        }
        return new Schema(fields);
    }

    private static DataType typeOf(PrimitiveType primitive) {
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return DataType.decimal(decimal.getPrecision(), decimal.getScale());
        }
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? DataType.DATE : DataType.INT32;
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    ? DataType.TIMESTAMP : DataType.INT64;
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            // strings, and anything else parquet-floor renders as text (INT96 timestamps, plain binary)
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> DataType.VARCHAR;
        };
    }
}
