package dev.forge.bench.experiments.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON text as plain Java values, for tests that look at a report's keys: maps, lists, strings, doubles, booleans. */
public final class PlainJson {
    private PlainJson() {
    }

    public static Object parse(String text) throws ReportFormatException {
        return plain(JsonParser.parse(text, "test"));
    }

    static Object plain(JsonValue value) {
        return switch (value) {
            case JsonValue.JsonObject object -> {
                Map<String, Object> members = new LinkedHashMap<>();
                object.members().forEach((key, member) -> members.put(key, plain(member)));
                yield members;
            }
            case JsonValue.JsonArray array -> array.elements().stream().map(PlainJson::plain).toList();
            case JsonValue.JsonString string -> string.value();
            case JsonValue.JsonNumber number -> Double.parseDouble(number.text());
            case JsonValue.JsonBoolean flag -> flag.value();
            case JsonValue.JsonNull ignored -> null;
        };
    }
}
