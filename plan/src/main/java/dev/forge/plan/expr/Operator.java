package dev.forge.plan.expr;

/**
 * The scalar operators of the plan and the contract for each. The planner normalises arguments so that executors never
 * coerce: where this says "same type", the planner has inserted a CAST.
 *
 * <p>NULL handling, unless an operator says otherwise: any NULL argument gives NULL. Numbers: integer arithmetic that
 * overflows its type is an error (not a wrap); integer division truncates toward zero; division or MOD by zero is an
 * error. Decimal results are exact, rounded half away from zero to the result type's scale; a result that needs more
 * digits than the result type's precision is an error.
 */
public enum Operator {
    // Arithmetic. Integer and float operands have the result's type. Decimal operands are decimals of any precision and
    // scale (the planner casts an integer operand to a decimal, and a decimal mixed with a float to FLOAT64); the
    // exact result is then rounded to the result's scale. DATE - DATE is not here: it is SUBTRACT_DATES.
    ADD(2, "+"),
    SUBTRACT(2, "-"),
    MULTIPLY(2, "*"),
    DIVIDE(2, "/"),
    MOD(2, "%"),
    NEGATE(1, "-"),
    ABS(1, "ABS"),

    // Comparisons give BOOLEAN. Operands have the same type, except decimals, which may differ in precision and scale
    // (compared by value). Strings compare by UTF-8 bytes (code point order). Floats: -0.0 = 0.0; NaN equals NaN and
    // is greater than every other value (as in DuckDB and PostgreSQL).
    EQUALS(2, "="),
    NOT_EQUALS(2, "<>"),
    LESS_THAN(2, "<"),
    LESS_THAN_OR_EQUAL(2, "<="),
    GREATER_THAN(2, ">"),
    GREATER_THAN_OR_EQUAL(2, ">="),
    /** Never NULL: NULL is distinct from every value and not from NULL. */
    IS_DISTINCT_FROM(2, "IS DISTINCT FROM"),
    /** Never NULL: the negation of IS_DISTINCT_FROM. */
    IS_NOT_DISTINCT_FROM(2, "IS NOT DISTINCT FROM"),

    // Logic over BOOLEAN, three-valued: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE, NOT NULL = NULL. AND and OR take
    // two or more arguments. The IS_ tests are never NULL.
    AND(-1, "AND"),
    OR(-1, "OR"),
    NOT(1, "NOT"),
    IS_NULL(1, "IS NULL"),
    IS_NOT_NULL(1, "IS NOT NULL"),
    IS_TRUE(1, "IS TRUE"),
    IS_NOT_TRUE(1, "IS NOT TRUE"),
    IS_FALSE(1, "IS FALSE"),
    IS_NOT_FALSE(1, "IS NOT FALSE"),

    // Conditionals.
    /**
     * CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] ELSE e: arguments c1, v1, c2, v2, ..., e (always an ELSE, possibly a
     * NULL literal). A condition that is NULL counts as not TRUE. Values and the ELSE have the result type. Only the
     * chosen branch may raise an error (CASE WHEN x <> 0 THEN 1 / x ... must not fail for x = 0).
     */
    CASE(-1, "CASE"),
    /** The first non-NULL argument; all have the result type. */
    COALESCE(-1, "COALESCE"),
    /**
     * value IN (l1, l2, ...): the first argument, then literals of the same type (decimals: same scale). TRUE on a
     * match; otherwise NULL if the value or any literal is NULL; otherwise FALSE.
     */
    IN(-1, "IN"),

    // Strings (VARCHAR; positions count characters, from 1).
    /**
     * value LIKE pattern [ESCAPE escape]: the pattern and escape are VARCHAR literals; {@code %} matches any run,
     * {@code _} one character; case-sensitive.
     */
    LIKE(-1, "LIKE"),
    /** SUBSTRING(value, start [, length]) with INT32 start and length, SQL semantics (start may be <= 0). */
    SUBSTRING(-1, "SUBSTRING"),
    /** a || b. */
    CONCAT(2, "||"),
    UPPER(1, "UPPER"),
    LOWER(1, "LOWER"),
    /** Removes leading and trailing spaces. */
    TRIM(1, "TRIM"),
    /** Characters (not bytes), INT32. */
    CHAR_LENGTH(1, "CHAR_LENGTH"),

    // Dates and timestamps: fields of the proleptic Gregorian calendar in UTC, as INT64 (EXTRACT's type in SQL).
    EXTRACT_YEAR(1, "YEAR"),
    EXTRACT_QUARTER(1, "QUARTER"),
    EXTRACT_MONTH(1, "MONTH"),
    EXTRACT_DAY(1, "DAY"),
    /** Sunday = 0 ... Saturday = 6, as DuckDB's dayofweek and PostgreSQL's dow. */
    EXTRACT_DAY_OF_WEEK(1, "DOW"),
    EXTRACT_DAY_OF_YEAR(1, "DOY"),
    EXTRACT_HOUR(1, "HOUR"),
    EXTRACT_MINUTE(1, "MINUTE"),
    EXTRACT_SECOND(1, "SECOND"),
    /** DATE or TIMESTAMP plus an INT32 number of days (negative to subtract); same type as the first argument. */
    ADD_DAYS(2, "ADD_DAYS"),
    /**
     * DATE or TIMESTAMP plus an INT32 number of months; a day past the new month's end becomes its last day
     * (2024-01-31 + 1 month = 2024-02-29).
     */
    ADD_MONTHS(2, "ADD_MONTHS"),
    /** TIMESTAMP plus an INT64 number of microseconds. */
    ADD_MICROS(2, "ADD_MICROS"),
    /** DATE - DATE: INT32 days. */
    SUBTRACT_DATES(2, "-"),

    /**
     * Converts the argument to the call's type. Number to number: decimals round half away from zero; float to integer
     * or decimal rounds half away from zero; out of range is an error. To and from VARCHAR: the canonical SQL text
     * ('2024-01-31', '12.50', 'true'); text that does not parse is an error. DATE to TIMESTAMP is midnight; TIMESTAMP
     * to DATE drops the time of day.
     */
    CAST(1, "CAST");

    private final int arity;
    private final String symbol;

    Operator(int arity, String symbol) {
        this.arity = arity;
        this.symbol = symbol;
    }

    /** The fixed number of arguments, or -1 when it varies. */
    public int arity() {
        return arity;
    }

    /** How EXPLAIN writes it. */
    public String symbol() {
        return symbol;
    }

    /** Whether the operator is written between its two arguments ({@code a + b}) rather than as a function. */
    public boolean isInfix() {
        return arity == 2 && !symbol.isEmpty() && !Character.isLetter(symbol.charAt(0)) || this == IS_DISTINCT_FROM
                || this == IS_NOT_DISTINCT_FROM;
    }

    public boolean isComparison() {
        return switch (this) {
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> true;
            default -> false;
        };
    }
}
