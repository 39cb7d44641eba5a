package dev.forge.plan;

/**
 * What a {@link HashJoin} returns. "Matches" means: every key pair is equal (or both NULL for a null-safe key) and the
 * residual, if any, is TRUE.
 */
public enum JoinKind {
    /** Each matching (probe, build) pair: probe fields then build fields. */
    INNER,
    /** As INNER, plus each probe row without a match, once, with NULL build fields. */
    LEFT,
    /** As INNER, plus each build row without a match, once, with NULL probe fields. */
    RIGHT,
    /** LEFT and RIGHT together. */
    FULL,
    /** Each probe row with at least one match, once; probe fields only. */
    SEMI,
    /** Each probe row without any match, once; probe fields only. */
    ANTI,
    /**
     * Each probe row once, with a BOOLEAN "mark" field appended, as SQL's {@code key IN (build keys)}: TRUE when it has
     * a match; FALSE when the build side is empty (even for a NULL probe key: {@code NULL IN (empty)} is FALSE);
     * otherwise NULL when the probe key is NULL or some build row compared NULL (a NULL build key, or a residual that
     * was NULL); otherwise FALSE.
     */
    MARK;

    /** Whether the output carries the build side's fields. */
    public boolean emitsBuildFields() {
        return this == INNER || this == LEFT || this == RIGHT || this == FULL;
    }
}
