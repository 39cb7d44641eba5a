package dev.forge.columnar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ordered fields of a {@link Table}; names are unique. */
public record Schema(List<Field> fields) {
    public Schema {
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        for (Field field : fields) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException("schema has two fields named '" + field.name() + "'");
            }
        }
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** The position of the field with this name; throws naming the known fields when there is none. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field '" + name + "' in schema " + fields.stream().map(Field::name).toList());
    }
}
