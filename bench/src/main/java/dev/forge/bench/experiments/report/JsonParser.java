package dev.forge.bench.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for the reports Forge writes: one value, then only white space; no comments, no
 * trailing commas, no NaN or Infinity, no duplicate keys, no control characters in strings, and at most
 * {@link #MAX_DEPTH} nested objects and arrays. Every error names the source, line and column and what was expected.
 */
final class JsonParser {
    /** Forge's reports nest six levels deep; deeper text is not one of them (and would exhaust the stack). */
    static final int MAX_DEPTH = 64;

    private final String text;
    private final String source;
    private int at;
    private int line = 1;
    private int lineStart;
    private int depth;

    private JsonParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Parses {@code text}; {@code source} names it in errors (a file name). */
    static JsonValue parse(String text, String source) throws ReportFormatException {
        JsonParser parser = new JsonParser(text, source);
        parser.skipSpace();
        JsonValue value = parser.value();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("expected the end of the text after the JSON value, found " + parser.found());
        }
        return value;
    }

    private JsonValue value() throws ReportFormatException {
        JsonValue.Position position = position();
        if (at >= text.length()) {
            throw error("expected a JSON value, found the end of the text");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(position);
            case '[' -> array(position);
            case '"' -> new JsonValue.JsonString(string(), position);
            case 't' -> literal("true", new JsonValue.JsonBoolean(true, position));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false, position));
            case 'n' -> literal("null", new JsonValue.JsonNull(position));
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield new JsonValue.JsonNumber(number(), position);
                }
                throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                        + found());
            }
        };
    }

    private JsonValue object(JsonValue.Position position) throws ReportFormatException {
        enter();
        at++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipSpace();
        if (next('}')) {
            depth--;
            return new JsonValue.JsonObject(members, position);
        }
        while (true) {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("expected a quoted key, found " + found());
            }
            JsonValue.Position keyPosition = position();
            String key = string();
            skipSpace();
            if (!next(':')) {
                throw error("expected ':' after the key " + Json.quote(key) + ", found " + found());
            }
            skipSpace();
            JsonValue value = value();
            if (members.putIfAbsent(key, value) != null) {
                throw new ReportFormatException(source, keyPosition, "the key " + Json.quote(key)
                        + " appears twice in one object");
            }
            skipSpace();
            if (next('}')) {
                depth--;
                return new JsonValue.JsonObject(members, position);
            }
            if (!next(',')) {
                throw error("expected ',' or '}' after the value of " + Json.quote(key) + ", found " + found());
            }
        }
    }

    private JsonValue array(JsonValue.Position position) throws ReportFormatException {
        enter();
        at++;
        List<JsonValue> elements = new ArrayList<>();
        skipSpace();
        if (next(']')) {
            depth--;
            return new JsonValue.JsonArray(elements, position);
        }
        while (true) {
            skipSpace();
            elements.add(value());
            skipSpace();
            if (next(']')) {
                depth--;
                return new JsonValue.JsonArray(elements, position);
            }
            if (!next(',')) {
                throw error("expected ',' or ']' after element " + elements.size() + " of the array, found "
                        + found());
            }
        }
    }

    private void enter() throws ReportFormatException {
        if (++depth > MAX_DEPTH) {
            throw error("objects and arrays nested deeper than " + MAX_DEPTH + " levels: not a Forge report");
        }
    }

    private String string() throws ReportFormatException {
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("expected the closing '\"' of the string, found the end of the text");
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return value.toString();
            }
            if (c < 0x20) {
                throw error(String.format(java.util.Locale.ROOT,
                        "a control character (U+%04X) inside a string: JSON needs it escaped", (int) c));
            }
            if (c != '\\') {
                value.append(c);
                at++;
                continue;
            }
            if (at + 1 >= text.length()) {
                throw error("expected an escaped character after '\\', found the end of the text");
            }
            char escaped = text.charAt(at + 1);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append(unicodeEscape());
                    continue;
                }
                default -> throw error("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found \\"
                        + escaped);
            }
            at += 2;
        }
    }

    /** The character of a \\uXXXX escape at {@code at}; moves past it. */
    private char unicodeEscape() throws ReportFormatException {
        if (at + 6 > text.length()) {
            throw error("expected four hexadecimal digits after \\u, found the end of the text");
        }
        int code = 0;
        for (int i = at + 2; i < at + 6; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw error("expected four hexadecimal digits after \\u, found "
                        + Json.quote(text.substring(at, at + 6)));
            }
            code = code * 16 + digit;
        }
        at += 6;
        return (char) code;
    }

    /** A number's text, checked against JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private String number() throws ReportFormatException {
        int start = at;
        next('-');
        if (next('0')) {
            if (at < text.length() && isDigit(text.charAt(at))) {
                throw error("a number with a leading zero: JSON does not allow " + Json.quote(numberLike(start)));
            }
        } else if (!digits()) {
            throw error("expected a digit in the number " + Json.quote(numberLike(start)));
        }
        if (next('.') && !digits()) {
            throw error("expected a digit after the decimal point in " + Json.quote(numberLike(start)));
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (!next('+')) {
                next('-');
            }
            if (!digits()) {
                throw error("expected a digit in the exponent of " + Json.quote(numberLike(start)));
            }
        }
        return text.substring(start, at);
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        return at > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The text from {@code start} that looks like part of a number, for an error message. */
    private String numberLike(int start) {
        int end = start;
        while (end < text.length() && end - start < 40 && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return text.substring(start, Math.max(end, Math.min(text.length(), start + 1)));
    }

    private JsonValue literal(String word, JsonValue value) throws ReportFormatException {
        if (!text.startsWith(word, at)) {
            throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                    + found());
        }
        at += word.length();
        return value;
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** JSON's white space: space, tab, line feed, carriage return. */
    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\n') {
                line++;
                lineStart = at + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private JsonValue.Position position() {
        return new JsonValue.Position(line, at - lineStart + 1);
    }

    /** What stands at the current position, for an error message. */
    private String found() {
        if (at >= text.length()) {
            return "the end of the text";
        }
        int end = at;
        while (end < text.length() && end - at < 20 && text.charAt(end) != '\n') {
            end++;
        }
        return Json.quote(text.substring(at, Math.max(end, at + 1)));
    }

    private ReportFormatException error(String problem) {
        return new ReportFormatException(source, position(), problem);
    }
}
