package dev.forge.bench.experiments.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value and where it starts in its text, so that a reader can say where a value it cannot use is.
 * Numbers keep their text: a whole number is read as a long without passing through a double.
 */
sealed interface JsonValue {

    /** Where a value starts: 1-based line and column (in UTF-16 characters). */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    Position position();

    /** How an error names the kind of value found: "an object", "the number 1.5". */
    String describe();

    record JsonObject(Map<String, JsonValue> members, Position position) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String describe() {
            return "an object";
        }
    }

    record JsonArray(List<JsonValue> elements, Position position) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public String describe() {
            return "an array";
        }
    }

    record JsonString(String value, Position position) implements JsonValue {
        @Override
        public String describe() {
            return value.length() <= 40 ? "the string " + Json.quote(value) : "a string";
        }
    }

    /** A number as written: valid JSON number syntax, checked by the parser. */
    record JsonNumber(String text, Position position) implements JsonValue {
        @Override
        public String describe() {
            return "the number " + text;
        }
    }

    record JsonBoolean(boolean value, Position position) implements JsonValue {
        @Override
        public String describe() {
            return Boolean.toString(value);
        }
    }

    record JsonNull(Position position) implements JsonValue {
        @Override
        public String describe() {
            return "null";
        }
    }
}
