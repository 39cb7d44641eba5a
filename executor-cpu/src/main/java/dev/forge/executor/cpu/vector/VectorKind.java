package dev.forge.executor.cpu.vector;

import dev.forge.columnar.DataType;

/** Which {@link Vector} class holds a {@link DataType}'s values. */
public enum VectorKind {
    BOOLEAN,
    LONG,
    DOUBLE,
    INT128,
    STRING;

    public static VectorKind of(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> BOOLEAN;
            case DataType.Int32 _, DataType.Int64 _, DataType.Date _, DataType.Timestamp _ -> LONG;
            case DataType.Float32 _, DataType.Float64 _ -> DOUBLE;
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION ? LONG : INT128;
            case DataType.Varchar _ -> STRING;
        };
    }
}
