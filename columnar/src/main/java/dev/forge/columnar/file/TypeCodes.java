package dev.forge.columnar.file;

import dev.forge.columnar.DataType;

/** The file ids of {@link DataType}s; they never change. */
final class TypeCodes {
    private TypeCodes() {
    }

    static int idOf(DataType type) {
        return switch (type) {
            case DataType.Boolean ignored -> 0;
            case DataType.Int32 ignored -> 1;
            case DataType.Int64 ignored -> 2;
            case DataType.Float32 ignored -> 3;
            case DataType.Float64 ignored -> 4;
            case DataType.Decimal ignored -> 5;
            case DataType.Date ignored -> 6;
            case DataType.Timestamp ignored -> 7;
            case DataType.Varchar ignored -> 8;
        };
    }

    /** The type with this id, or {@code null} for an unknown id. */
    static DataType typeOf(int id, int precision, int scale) {
        return switch (id) {
            case 0 -> DataType.BOOLEAN;
            case 1 -> DataType.INT32;
            case 2 -> DataType.INT64;
            case 3 -> DataType.FLOAT32;
            case 4 -> DataType.FLOAT64;
            case 5 -> DataType.decimal(precision, scale);
            case 6 -> DataType.DATE;
            case 7 -> DataType.TIMESTAMP;
            case 8 -> DataType.VARCHAR;
            default -> null;
        };
    }
}
