package dev.forge.cli.query;

import dev.forge.columnar.DataType;

/** A column of a catalog table: name, type, nullability and its distinct count where the catalog knows it (else -1). */
public record ColumnDescription(String name, DataType type, boolean nullable, long distinctCount) {
}
