package dev.forge.executor.gpu.codegen;

import dev.forge.executor.gpu.pipeline.AggregateInput;

/**
 * Where one aggregate's state lives among the 64-bit words of a group (or of a block's partial), and how to read it:
 * COUNT is one count word; an exact SUM is low, high and a count of values; a float SUM a double and a count; MIN and
 * MAX the maximum of an order-preserving encoding ({@code inverted} for MIN) and a count; SINGLE_VALUE the same
 * encoding, the number of rows (NULL or not: a second row is the CPU executor's error) and the count of values.
 */
public record AggregateSlot(AggregateInput input, Kind kind, int firstWord, boolean floatingValue, boolean inverted) {

    /** How the state is kept. */
    public enum Kind {
        COUNT(1),
        EXACT_SUM(3),
        FLOAT_SUM(2),
        EXTREME(2),
        SINGLE(3);

        private final int words;

        Kind(int words) {
            this.words = words;
        }

        public int words() {
            return words;
        }
    }

    /** The word holding the number of values aggregated (for every kind). */
    public int countWord() {
        return firstWord + kind.words() - 1;
    }

    /** SINGLE only: the word holding the number of rows, NULL values included. */
    public int rowsWord() {
        if (kind != Kind.SINGLE) {
            throw new IllegalStateException(kind + " keeps no row count");
        }
        return firstWord + 1;
    }

    /**
     * The value a MIN, MAX, ANY_VALUE or SINGLE_VALUE state word holds, undoing the order-preserving encoding the kernel
     * aggregates ({@code KernelGenerator.encodeExtreme}): a double's bits for a float argument, else the integer.
     */
    public long decodedValue(long word) {
        long encoded = inverted ? ~word : word;
        return floatingValue ? (encoded < 0 ? encoded & Long.MAX_VALUE : ~encoded) : encoded ^ Long.MIN_VALUE;
    }

    /** Whether the state's first word is an order-preserving encoding of a value (MIN, MAX, ANY_VALUE, SINGLE_VALUE). */
    public boolean encodesValue() {
        return kind == Kind.EXTREME || kind == Kind.SINGLE;
    }
}
