package dev.forge.columnar;

import java.util.Objects;

/** One named, typed column of a {@link Schema}; a non-nullable field never holds nulls. */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        Objects.requireNonNull(name, "field name");
        Objects.requireNonNull(type, "type of field " + name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a field needs a non-empty name");
        }
    }

    public static Field nullable(String name, DataType type) {
        return new Field(name, type, true);
    }

    public static Field required(String name, DataType type) {
        return new Field(name, type, false);
    }
}
