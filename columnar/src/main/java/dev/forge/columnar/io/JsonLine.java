package dev.forge.columnar.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one NDJSON line, a flat view of one JSON object: each top-level member's key, kind and value (strings
 * unescaped, numbers and literals as written, nested objects and arrays as their JSON text).
 */
final class JsonLine {
    enum Kind {
        STRING, NUMBER, BOOLEAN, NULL, NESTED
    }

    /** One member: its value as text, and the 1-based character column where the value starts. */
    record Member(String key, Kind kind, String text, int column) {
    }

    /** A syntax error at a 1-based character column of the line. */
    static final class SyntaxError extends Exception {
        final int column;

        SyntaxError(int column, String problem) {
            super(problem, null, false, false);
            this.column = column;
        }
    }

    private final String line;
    private int at;

    private JsonLine(String line) {
        this.line = line;
    }

    static List<Member> parse(byte[] bytes, int start, int end) throws SyntaxError {
        return new JsonLine(new String(bytes, start, end - start, StandardCharsets.UTF_8)).object();
    }

    private List<Member> object() throws SyntaxError {
        List<Member> members = new ArrayList<>();
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            at++;
            return finish(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            int column = at + 1;
            members.add(value(key, column));
            skipSpace();
            if (peek() == ',') {
                at++;
                continue;
            }
            expect('}');
            return finish(members);
        }
    }

    private List<Member> finish(List<Member> members) throws SyntaxError {
        skipSpace();
        if (at < line.length()) {
            throw error("unexpected text after the object");
        }
        return members;
    }

    private Member value(String key, int column) throws SyntaxError {
        char c = peek();
        if (c == '"') {
            return new Member(key, Kind.STRING, string(), column);
        }
        if (c == '{' || c == '[') {
            int start = at;
            skipNested();
            return new Member(key, Kind.NESTED, line.substring(start, at), column);
        }
        if (line.startsWith("true", at) || line.startsWith("false", at)) {
            String word = line.startsWith("true", at) ? "true" : "false";
            at += word.length();
            return new Member(key, Kind.BOOLEAN, word, column);
        }
        if (line.startsWith("null", at)) {
            at += 4;
            return new Member(key, Kind.NULL, null, column);
        }
        int start = at;
        while (at < line.length() && "+-0123456789.eE".indexOf(line.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("expected a value");
        }
        return new Member(key, Kind.NUMBER, line.substring(start, at), column);
    }

    private void skipNested() throws SyntaxError {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            at++;
        } while (depth > 0);
    }

    private String string() throws SyntaxError {
        int open = at;
        expect('"');
        StringBuilder text = new StringBuilder();
        while (true) {
            if (at >= line.length()) {
                throw new SyntaxError(open + 1, "string is not closed");
            }
            char c = line.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (at >= line.length()) {
                throw error("escape at the end of the line");
            }
            char escaped = line.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> text.append(escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (at + 4 > line.length()) {
                        throw error("\\u needs four hex digits");
                    }
                    try {
                        text.append((char) Integer.parseInt(line.substring(at, at + 4), 16));
                    } catch (NumberFormatException notHex) {
                        throw error("\\u needs four hex digits");
                    }
                    at += 4;
                }
                default -> throw new SyntaxError(at - 1, "unknown escape \\" + escaped);
            }
        }
    }

    private char peek() throws SyntaxError {
        if (at >= line.length()) {
            throw error("unexpected end of the line");
        }
        return line.charAt(at);
    }

    private void expect(char c) throws SyntaxError {
        if (peek() != c) {
            throw error("expected '" + c + "' but found '" + line.charAt(at) + "'");
        }
        at++;
    }

    private void skipSpace() {
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
    }

    private SyntaxError error(String problem) {
        return new SyntaxError(at + 1, problem);
    }
}
