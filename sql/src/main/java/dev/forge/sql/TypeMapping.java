package dev.forge.sql;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Forge's {@link DataType}s and Calcite's SQL types, both ways. */
final class TypeMapping {
    private TypeMapping() {
    }

    static RelDataType toSql(RelDataTypeFactory typeFactory, Field field) {
        RelDataType type = switch (field.type()) {
            case DataType.Boolean _ -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
            case DataType.Int32 _ -> typeFactory.createSqlType(SqlTypeName.INTEGER);
            case DataType.Int64 _ -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DataType.Float32 _ -> typeFactory.createSqlType(SqlTypeName.REAL);
            case DataType.Float64 _ -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DataType.Decimal decimal -> typeFactory.createSqlType(SqlTypeName.DECIMAL, decimal.precision(),
                    decimal.scale());
            case DataType.Date _ -> typeFactory.createSqlType(SqlTypeName.DATE);
            case DataType.Timestamp _ -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case DataType.Varchar _ -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        };
        return typeFactory.createTypeWithNullability(type, field.nullable());
    }

    /** Forge's type for a Calcite type; a type Forge has no column for is an UNSUPPORTED {@link SqlException}. */
    static DataType toForge(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            // Bare NULL has no type of its own; INTEGER is what DuckDB gives it.
            case TINYINT, SMALLINT, INTEGER, NULL -> DataType.INT32;
            case BIGINT -> DataType.INT64;
            case REAL -> DataType.FLOAT32;
            case FLOAT, DOUBLE -> DataType.FLOAT64;
            case DECIMAL -> DataType.decimal(Math.clamp(type.getPrecision(), Math.max(1, type.getScale()),
                    DataType.MAX_DECIMAL_PRECISION), Math.max(0, type.getScale()));
            case DATE -> DataType.DATE;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DataType.TIMESTAMP;
            case CHAR, VARCHAR -> DataType.VARCHAR;
            default -> throw SqlException.unsupported("values of type " + type.getFullTypeString());
        };
    }
}
