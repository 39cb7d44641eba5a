package dev.forge.sql;

import dev.forge.columnar.DataType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type rules adjusted to Forge: decimals up to 38 digits, SUM of DECIMAL(p,s) is DECIMAL(38,s) (a 128-bit
 * sum), SUM of an integer is BIGINT, AVG is DOUBLE as in DuckDB (the oracle), a decimal quotient keeps enough fraction
 * digits to be useful, and CASE branches of different string lengths are VARCHAR rather than blank-padded CHAR.
 */
final class ForgeTypeSystem extends RelDataTypeSystemImpl {
    static final ForgeTypeSystem INSTANCE = new ForgeTypeSystem();

    /** The most fraction digits a quotient gets (Calcite's default can leave none: DECIMAL(38,0) for sum / sum). */
    private static final int MAX_QUOTIENT_SCALE = 18;
    private static final int MIN_QUOTIENT_SCALE = 6;

    private ForgeTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? DataType.MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? DataType.MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType sum = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, DataType.MAX_DECIMAL_PRECISION,
                    argumentType.getScale());
            case REAL, FLOAT, DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            default -> argumentType;
        };
        return typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (SqlTypeUtil.isNumeric(argumentType)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
                    argumentType.isNullable());
        }
        return argumentType;
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType dividend,
            RelDataType divisor) {
        if (!SqlTypeUtil.isExactNumeric(dividend) || !SqlTypeUtil.isExactNumeric(divisor)
                || !SqlTypeUtil.isDecimal(dividend) && !SqlTypeUtil.isDecimal(divisor)) {
            return null;
        }
        int dividendScale = dividend.getScale();
        int scale = Math.max(dividendScale, Math.min(MAX_QUOTIENT_SCALE,
                Math.max(MIN_QUOTIENT_SCALE, dividendScale + divisor.getPrecision() + 1)));
        RelDataType quotient = typeFactory.createSqlType(SqlTypeName.DECIMAL, DataType.MAX_DECIMAL_PRECISION, scale);
        return typeFactory.createTypeWithNullability(quotient, dividend.isNullable() || divisor.isNullable());
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
