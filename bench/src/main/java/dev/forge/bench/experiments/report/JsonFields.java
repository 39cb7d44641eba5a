package dev.forge.bench.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of one JSON object, read by type: each getter names the key and what it must hold, and an error says
 * where in the file and the document (a path like {@code experiments[2].trials[0].size}) the value did not fit.
 * {@link #finish} rejects keys nobody read, so a renamed or misspelt key is an error, not a silently missing figure.
 */
final class JsonFields {
    private final JsonValue.JsonObject object;
    private final String path;
    private final String source;
    private final Set<String> read = new LinkedHashSet<>();

    private JsonFields(JsonValue.JsonObject object, String path, String source) {
        this.object = object;
        this.path = path;
        this.source = source;
    }

    /** The document's top-level value, which must be an object. */
    static JsonFields root(JsonValue value, String source) throws ReportFormatException {
        if (!(value instanceof JsonValue.JsonObject object)) {
            throw new ReportFormatException(source, value.position(), "expected an object at the top, found "
                    + value.describe());
        }
        return new JsonFields(object, "", source);
    }

    boolean has(String key) {
        return object.members().containsKey(key);
    }

    String text(String key) throws ReportFormatException {
        if (member(key) instanceof JsonValue.JsonString string) {
            return string.value();
        }
        throw mismatch(key, "a string");
    }

    /** A string, or null where the report writes null (an absent reason, a figure not measured). */
    String textOrNull(String key) throws ReportFormatException {
        return member(key) instanceof JsonValue.JsonNull ? null : text(key);
    }

    /** A number; null reads as NaN, which the report writes null. */
    double number(String key) throws ReportFormatException {
        double value = switch (member(key)) {
            case JsonValue.JsonNumber number -> Double.parseDouble(number.text());
            case JsonValue.JsonNull ignored -> Double.NaN;
            default -> throw mismatch(key, "a number or null");
        };
        if (Double.isInfinite(value)) {
            throw mismatch(key, "a number within a double's range");
        }
        return value;
    }

    long whole(String key) throws ReportFormatException {
        return whole(member(key), key);
    }

    int count(String key) throws ReportFormatException {
        long value = whole(key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw mismatch(key, "a count from 0 to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    boolean flag(String key) throws ReportFormatException {
        if (member(key) instanceof JsonValue.JsonBoolean flag) {
            return flag.value();
        }
        throw mismatch(key, "true or false");
    }

    JsonFields object(String key) throws ReportFormatException {
        if (member(key) instanceof JsonValue.JsonObject nested) {
            return new JsonFields(nested, childPath(key), source);
        }
        throw mismatch(key, "an object");
    }

    /** An object, or null where the report writes null (statistics of a side that did not run). */
    JsonFields objectOrNull(String key) throws ReportFormatException {
        return member(key) instanceof JsonValue.JsonNull ? null : object(key);
    }

    List<JsonFields> objects(String key) throws ReportFormatException {
        List<JsonFields> objects = new ArrayList<>();
        List<JsonValue> elements = array(key);
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof JsonValue.JsonObject nested)) {
                throw elementMismatch(key, i, elements.get(i), "an object");
            }
            objects.add(new JsonFields(nested, childPath(key) + "[" + i + "]", source));
        }
        return objects;
    }

    List<String> texts(String key) throws ReportFormatException {
        List<String> texts = new ArrayList<>();
        List<JsonValue> elements = array(key);
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof JsonValue.JsonString string)) {
                throw elementMismatch(key, i, elements.get(i), "a string");
            }
            texts.add(string.value());
        }
        return texts;
    }

    List<Long> wholes(String key) throws ReportFormatException {
        List<Long> wholes = new ArrayList<>();
        List<JsonValue> elements = array(key);
        for (int i = 0; i < elements.size(); i++) {
            wholes.add(whole(elements.get(i), key + "[" + i + "]"));
        }
        return wholes;
    }

    /** An object whose every member is a string, in the file's order. */
    Map<String, String> textMembers(String key) throws ReportFormatException {
        JsonFields nested = object(key);
        Map<String, String> members = new LinkedHashMap<>();
        for (String name : nested.object.members().keySet()) {
            members.put(name, nested.text(name));
        }
        return members;
    }

    /** Keys whose values the reader does not need: figures the report computes again from the measured ones. */
    void skip(String... keys) throws ReportFormatException {
        for (String key : keys) {
            member(key);
        }
    }

    /** Fails on a key no getter asked for: the file is not of the format this reader knows. */
    void finish() throws ReportFormatException {
        for (Map.Entry<String, JsonValue> entry : object.members().entrySet()) {
            if (!read.contains(entry.getKey())) {
                throw new ReportFormatException(source, entry.getValue().position(), childPath(entry.getKey())
                        + ": unexpected key (this reader knows " + String.join(", ", read) + ")");
            }
        }
    }

    /** An error about this object as a whole, at its position. */
    ReportFormatException error(String problem) {
        return new ReportFormatException(source, object.position(), (path.isEmpty() ? "the report" : path) + ": "
                + problem);
    }

    /** An error about the value of {@code key}, at its position. */
    ReportFormatException error(String key, String problem) {
        JsonValue value = object.members().get(key);
        return new ReportFormatException(source, value == null ? object.position() : value.position(),
                childPath(key) + ": " + problem);
    }

    private JsonValue member(String key) throws ReportFormatException {
        JsonValue value = object.members().get(key);
        if (value == null) {
            throw new ReportFormatException(source, object.position(), childPath(key) + ": missing (the object has "
                    + (object.members().isEmpty() ? "no keys" : String.join(", ", object.members().keySet())) + ")");
        }
        read.add(key);
        return value;
    }

    private long whole(JsonValue value, String name) throws ReportFormatException {
        if (value instanceof JsonValue.JsonNumber number && number.text().matches("-?\\d+")) {
            try {
                return Long.parseLong(number.text());
            } catch (NumberFormatException outOfRange) {
                // the error below says what was found
            }
        }
        throw new ReportFormatException(source, value.position(), childPath(name) + ": expected a whole number"
                + " (a 64-bit integer), found " + value.describe());
    }

    private List<JsonValue> array(String key) throws ReportFormatException {
        if (member(key) instanceof JsonValue.JsonArray array) {
            return array.elements();
        }
        throw mismatch(key, "an array");
    }

    private ReportFormatException mismatch(String key, String expected) {
        JsonValue value = object.members().get(key);
        return new ReportFormatException(source, value.position(), childPath(key) + ": expected " + expected + ", found "
                + value.describe());
    }

    private ReportFormatException elementMismatch(String key, int index, JsonValue value, String expected) {
        return new ReportFormatException(source, value.position(), childPath(key) + "[" + index + "]: expected "
                + expected + ", found " + value.describe());
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
