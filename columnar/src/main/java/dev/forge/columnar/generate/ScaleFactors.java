package dev.forge.columnar.generate;

/** Checks a benchmark scale factor: positive, finite, and not so large that row counts overflow. */
final class ScaleFactors {
    static final double MAX = 100_000;

    private ScaleFactors() {
    }

    static void require(double scaleFactor) {
        if (!(scaleFactor > 0) || scaleFactor > MAX || Double.isNaN(scaleFactor)) {
            throw new IllegalArgumentException("scale factor must be a number above 0 and at most " + (long) MAX
                    + ", got " + scaleFactor);
        }
    }
}
