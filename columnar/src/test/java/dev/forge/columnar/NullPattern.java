package dev.forge.columnar;

import java.util.SplittableRandom;

/** Where a test column has its nulls. */
public enum NullPattern {
    NONE,
    ALL,
    RANDOM,
    FIRST_AND_LAST;

    public boolean isNull(long row, long rows, SplittableRandom random) {
        return switch (this) {
            case NONE -> false;
            case ALL -> true;
            case RANDOM -> random.nextInt(4) == 0;
            case FIRST_AND_LAST -> row == 0 || row == rows - 1;
        };
    }
}
