package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    private static Object parse(String text) throws ReportFormatException {
        return PlainJson.plain(JsonParser.parse(text, "t.json"));
    }

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> JsonParser.parse(text, "t.json")).isInstanceOf(ReportFormatException.class)
                .hasMessage(message);
    }

    @Test
    void everyKindOfValueParsesWithItsPosition() throws Exception {
        String text = "{\n  \"a\": [1, -0, 2.5e-3, 1E+5, true, false, null],\n  \"b\": {\"c\": \"x\\\"\\\\\\/\\b\\f\\n\\r"
                + "\\t\\u00b1\\ud83d\\ude00\"}, \"\": []\n}\n";
        assertThat(parse(text)).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -0.0, 2.5e-3, 1e5, true, false,
                null), "b", Map.of("c", "x\"\\/\b\f\n\r\t\u00b1\ud83d\ude00"), "", List.of()));
        JsonValue.JsonObject root = (JsonValue.JsonObject) JsonParser.parse(text, "t.json");
        assertThat(root.position()).isEqualTo(new JsonValue.Position(1, 1));
        assertThat(root.members().get("a").position()).isEqualTo(new JsonValue.Position(2, 8));
        JsonValue.JsonArray array = (JsonValue.JsonArray) root.members().get("a");
        assertThat(array.elements().get(2)).isEqualTo(new JsonValue.JsonNumber("2.5e-3", new JsonValue.Position(2,
                16)));
        assertThat(parse(" \t\r\n\"alone\" ")).isEqualTo("alone");
    }

    @Test
    void syntaxErrorsNameTheLineColumnAndWhatWasExpected() {
        rejects("{\"a\": 1,}", "t.json:1:9: expected a quoted key, found \"}\"");
        rejects("[1, 2,]", "t.json:1:7: expected a JSON value (object, array, string, number, true, false or null),"
                + " found \"]\"");
        rejects("{\n  \"a\" 1}", "t.json:2:7: expected ':' after the key \"a\", found \"1}\"");
        rejects("{\"a\": 1 \"b\": 2}", "t.json:1:9: expected ',' or '}' after the value of \"a\", found \"\\\"b\\\": 2}\"");
        rejects("[1 2]", "t.json:1:4: expected ',' or ']' after element 1 of the array, found \"2]\"");
        rejects("{\"a\": 1, \"a\": 2}", "t.json:1:10: the key \"a\" appears twice in one object");
        rejects("", "t.json:1:1: expected a JSON value, found the end of the text");
        rejects("{\"a\": ", "t.json:1:7: expected a JSON value, found the end of the text");
        rejects("[] []", "t.json:1:4: expected the end of the text after the JSON value, found \"[]\"");
        rejects("{\n\n   \"x\": tru}", "t.json:3:9: expected a JSON value (object, array, string, number, true,"
                + " false or null), found \"tru}\"");
    }

    @Test
    void numbersFollowJsonsGrammarOnly() {
        rejects("01", "t.json:1:2: a number with a leading zero: JSON does not allow \"01\"");
        rejects("1.", "t.json:1:3: expected a digit after the decimal point in \"1.\"");
        rejects("-", "t.json:1:2: expected a digit in the number \"-\"");
        rejects("1e+", "t.json:1:4: expected a digit in the exponent of \"1e+\"");
        rejects(".5", "t.json:1:1: expected a JSON value (object, array, string, number, true, false or null),"
                + " found \".5\"");
        rejects("NaN", "t.json:1:1: expected a JSON value (object, array, string, number, true, false or null),"
                + " found \"NaN\"");
        rejects("[Infinity]", "t.json:1:2: expected a JSON value (object, array, string, number, true, false or"
                + " null), found \"Infinity]\"");
    }

    @Test
    void stringsMustBeClosedAndEscapedAsJsonSays() {
        rejects("\"open", "t.json:1:6: expected the closing '\"' of the string, found the end of the text");
        rejects("\"a\tb\"", "t.json:1:3: a control character (U+0009) inside a string: JSON needs it escaped");
        rejects("\"\\x\"", "t.json:1:2: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found \\x");
        rejects("\"\\u12G4\"", "t.json:1:2: expected four hexadecimal digits after \\u, found \"\\\\u12G4\"");
        rejects("\"\\u12", "t.json:1:2: expected four hexadecimal digits after \\u, found the end of the text");
    }

    @Test
    void nestingDeeperThanAnyReportIsRefused() throws Exception {
        String deepest = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertThat(JsonParser.parse(deepest, "t.json")).isInstanceOf(JsonValue.JsonArray.class);
        rejects("[".repeat(JsonParser.MAX_DEPTH + 1), "t.json:1:65: objects and arrays nested deeper than 64 levels:"
                + " not a Forge report");
    }
}
