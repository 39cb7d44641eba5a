package dev.forge.plan;

/**
 * One equality of a hash join: probe field {@code probe} equals build field {@code build} (positions within each input).
 * Under plain SQL equality a NULL key matches nothing; a {@code nullSafe} key (IS NOT DISTINCT FROM, which
 * decorrelation produces) lets NULL match NULL. Both fields have the same type, decimals the same scale.
 */
public record JoinKey(int probe, int build, boolean nullSafe) {
    public JoinKey {
        if (probe < 0 || build < 0) {
            throw new IllegalArgumentException("join key positions must be >= 0: " + probe + ", " + build);
        }
    }

    public static JoinKey equal(int probe, int build) {
        return new JoinKey(probe, build, false);
    }
}
