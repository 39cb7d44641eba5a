package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;

/** Whether two non-NULL values in two vectors of the same kind are equal (floats: -0.0 = 0.0, NaN = NaN). */
final class VectorEquality {
    private VectorEquality() {
    }

    static boolean equal(Vector a, int i, Vector b, int j) {
        return switch (a) {
            case LongVector v -> v.values()[i] == ((LongVector) b).values()[j];
            case BooleanVector v -> v.values()[i] == ((BooleanVector) b).values()[j];
            case DoubleVector v -> KeyColumn.canonicalBits(v.values()[i])
                    == KeyColumn.canonicalBits(((DoubleVector) b).values()[j]);
            case Int128Vector v -> v.high()[i] == ((Int128Vector) b).high()[j]
                    && v.low()[i] == ((Int128Vector) b).low()[j];
            case StringVector v -> v.equalsRow(i, (StringVector) b, j);
        };
    }
}
