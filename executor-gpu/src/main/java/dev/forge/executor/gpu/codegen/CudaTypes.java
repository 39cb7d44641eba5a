package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;

/**
 * The C++ type that holds a value of each SQL type inside a generated kernel, and the type of its column in device
 * memory. Decimals compute in 128 bits whatever their precision; VARCHAR is a dictionary code.
 */
public final class CudaTypes {
    private CudaTypes() {
    }

    /** The type of an expression's value in registers. */
    public static String register(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> "bool";
            case DataType.Int32 _, DataType.Date _ -> "int";
            case DataType.Int64 _, DataType.Timestamp _ -> "i64";
            case DataType.Float32 _ -> "float";
            case DataType.Float64 _ -> "double";
            case DataType.Decimal _ -> "i128";
            case DataType.Varchar _ -> "int";
        };
    }

    /**
     * The element type of a scan column in device memory (BOOLEAN columns are bitmaps of 32-bit words; DECIMAL(p > 18)
     * two 64-bit words per value, low then high, as the host keeps them).
     */
    public static String column(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> "unsigned int";
            case DataType.Int32 _, DataType.Date _ -> "int";
            case DataType.Int64 _, DataType.Timestamp _ -> "i64";
            case DataType.Float32 _ -> "float";
            case DataType.Float64 _ -> "double";
            case DataType.Decimal decimal -> decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION ? "u64" : "i64";
            case DataType.Varchar _ -> "int";
        };
    }

    public static boolean isDecimal(DataType type) {
        return type instanceof DataType.Decimal;
    }

    public static int scale(DataType type) {
        return type instanceof DataType.Decimal decimal ? decimal.scale() : 0;
    }

    public static boolean isFloat(DataType type) {
        return type instanceof DataType.Float32 || type instanceof DataType.Float64;
    }

    public static boolean isInteger(DataType type) {
        return type instanceof DataType.Int32 || type instanceof DataType.Int64;
    }
    /**
     * The element type of a materialised column (a pipeline's output, or a join's build rows): BOOLEAN one byte,
     * VARCHAR its dictionary code, DECIMAL(p > 18) two 64-bit words (low, then high).
     */
    public static String materialized(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> "unsigned char";
            case DataType.Int32 _, DataType.Date _, DataType.Varchar _ -> "int";
            case DataType.Int64 _, DataType.Timestamp _ -> "i64";
            case DataType.Float32 _ -> "float";
            case DataType.Float64 _ -> "double";
            case DataType.Decimal decimal -> decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION ? "u64" : "i64";
        };
    }

    /** Reads row {@code row} of a materialised column {@code array} of {@code type} into its register type. */
    public static String loadMaterialized(DataType type, String array, String row) {
        return switch (type) {
            case DataType.Boolean _ -> "(" + array + "[" + row + "] != 0)";
            case DataType.Decimal decimal -> decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION
                    ? "(i128)(((u128)" + array + "[2 * " + row + " + 1] << 64) | (u128)" + array + "[2 * " + row + "])"
                    : "(i128)" + array + "[" + row + "]";
            default -> array + "[" + row + "]";
        };
    }

    /** The 64-bit hash-table word of a join key value held in registers (types PipelineBuilder allows as keys). */
    public static String keyWord(DataType type, String value) {
        return type instanceof DataType.Boolean ? "(" + value + " ? 1ULL : 0ULL)" : "(u64)(i64)" + value;
    }
}
