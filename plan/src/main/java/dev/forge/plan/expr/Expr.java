package dev.forge.plan.expr;

import dev.forge.columnar.DataType;

/**
 * A scalar expression evaluated per row over the fields of an operator's input. Every expression knows its result type
 * and whether it can be NULL; SQL's three-valued logic applies throughout (see {@link Operator}).
 */
public sealed interface Expr permits ColumnRef, Literal, Call {
    DataType type();

    boolean nullable();
}
