package dev.forge.bench.experiments;

/**
 * How much faster the contender (usually the GPU) is than the baseline: DOMINANT above 10x, STRONG above 5x, SOLID
 * from 2x to 5x, MARGINAL from 1x to 2x, SLOWER below 1x. A boundary belongs to the lower class (exactly 10x is
 * STRONG, exactly 5x SOLID), except that 2x is SOLID and 1x MARGINAL, as the ranges "2-5x" and "1-2x" say.
 */
public enum Verdict {
    DOMINANT("> 10x"),
    STRONG("5-10x"),
    SOLID("2-5x"),
    MARGINAL("1-2x"),
    SLOWER("< 1x");

    private final String range;

    Verdict(String range) {
        this.range = range;
    }

    public String range() {
        return range;
    }

    /** The verdict for a speed-up (baseline time over contender time), which must be a positive number. */
    public static Verdict of(double speedUp) {
        if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("a verdict needs a positive, finite speed-up, got " + speedUp);
        }
        if (speedUp > 10) {
            return DOMINANT;
        }
        if (speedUp > 5) {
            return STRONG;
        }
        if (speedUp >= 2) {
            return SOLID;
        }
        return speedUp >= 1 ? MARGINAL : SLOWER;
    }
}
