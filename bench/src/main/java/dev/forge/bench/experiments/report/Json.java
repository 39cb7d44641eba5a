package dev.forge.bench.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small JSON value builder for the reports: objects keep their keys in insertion order, numbers that are not
 * finite become null, and {@link #toString} indents two spaces per level. Figures are written with six significant
 * digits ({@link #field(String, double)}), or exactly ({@link #exactField}) where a reader must get the same double
 * back: the measured times a report is read back from.
 */
public final class Json {
    private final StringBuilder text = new StringBuilder();
    private final List<Boolean> firstInLevel = new ArrayList<>();

    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    public static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    /** The shortest decimal that reads back as the same double (Java's {@link Double#toString}); null if not finite. */
    public static String exact(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    public Json beginObject(String key) {
        return open(key, '{');
    }

    public Json beginArray(String key) {
        return open(key, '[');
    }

    public Json endObject() {
        return close('}');
    }

    public Json endArray() {
        return close(']');
    }

    public Json field(String key, String value) {
        return raw(key, quote(value));
    }

    public Json field(String key, double value) {
        return raw(key, number(value));
    }

    public Json exactField(String key, double value) {
        return raw(key, exact(value));
    }

    public Json field(String key, long value) {
        return raw(key, Long.toString(value));
    }

    public Json field(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** A key (null inside arrays) and a value already in JSON form. */
    public Json raw(String key, String json) {
        separate();
        if (key != null) {
            text.append(quote(key)).append(": ");
        }
        text.append(json);
        return this;
    }

    private Json open(String key, char bracket) {
        separate();
        if (key != null) {
            text.append(quote(key)).append(": ");
        }
        text.append(bracket);
        firstInLevel.add(true);
        return this;
    }

    private Json close(char bracket) {
        boolean empty = firstInLevel.removeLast();
        if (!empty) {
            newline();
        }
        text.append(bracket);
        return this;
    }

    private void separate() {
        if (!firstInLevel.isEmpty()) {
            if (!firstInLevel.getLast()) {
                text.append(',');
            }
            firstInLevel.set(firstInLevel.size() - 1, false);
            newline();
        }
    }

    private void newline() {
        text.append('\n').append("  ".repeat(firstInLevel.size()));
    }

    @Override
    public String toString() {
        return text + "\n";
    }
}
