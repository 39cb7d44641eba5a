package dev.forge.columnar;

/** A logical SQL type of a column; each maps to one {@link PhysicalType}. */
public sealed interface DataType {
    Boolean BOOLEAN = new Boolean();
    Int32 INT32 = new Int32();
    Int64 INT64 = new Int64();
    Float32 FLOAT32 = new Float32();
    Float64 FLOAT64 = new Float64();
    Date DATE = new Date();
    Timestamp TIMESTAMP = new Timestamp();
    Varchar VARCHAR = new Varchar();

    /** Decimals up to this precision fit a scaled int64; wider ones take 128 bits. */
    int MAX_INT64_DECIMAL_PRECISION = 18;
    int MAX_DECIMAL_PRECISION = 38;

    PhysicalType physicalType();

    static Decimal decimal(int precision, int scale) {
        return new Decimal(precision, scale);
    }

    record Boolean() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.BIT;
        }

        @Override
        public String toString() {
            return "BOOLEAN";
        }
    }

    record Int32() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.INT32;
        }

        @Override
        public String toString() {
            return "INT32";
        }
    }

    record Int64() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.INT64;
        }

        @Override
        public String toString() {
            return "INT64";
        }
    }

    record Float32() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.FLOAT32;
        }

        @Override
        public String toString() {
            return "FLOAT32";
        }
    }

    record Float64() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.FLOAT64;
        }

        @Override
        public String toString() {
            return "FLOAT64";
        }
    }

    /** An exact decimal: the unscaled integer is stored, the value is {@code unscaled * 10^-scale}. */
    record Decimal(int precision, int scale) implements DataType {
        public Decimal {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is invalid: precision must be 1.."
                        + MAX_DECIMAL_PRECISION + " and scale 0..precision");
            }
        }

        public PhysicalType physicalType() {
            return precision <= MAX_INT64_DECIMAL_PRECISION ? PhysicalType.INT64 : PhysicalType.INT128;
        }

        @Override
        public String toString() {
            return "DECIMAL(" + precision + "," + scale + ")";
        }
    }

    /** Days since 1970-01-01 as an int32. */
    record Date() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.INT32;
        }

        @Override
        public String toString() {
            return "DATE";
        }
    }

    /** Microseconds since 1970-01-01T00:00:00Z as an int64. */
    record Timestamp() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.INT64;
        }

        @Override
        public String toString() {
            return "TIMESTAMP";
        }
    }

    record Varchar() implements DataType {
        public PhysicalType physicalType() {
            return PhysicalType.STRING;
        }

        @Override
        public String toString() {
            return "VARCHAR";
        }
    }
}
