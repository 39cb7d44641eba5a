package dev.forge.engine.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one line of a corpus text table: values separated by {@code |}, trimmed. {@code NULL} is SQL NULL
 * (returned as {@code null}); a value in single quotes is taken as written ({@code 'a | b'}, {@code ''} for the empty
 * string, {@code 'NULL'} for the text, a doubled quote for a quote).
 */
final class TextCells {
    private TextCells() {
    }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    cell.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '\'' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == '|') {
                cells.add(finish(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                cell.append(c);
            } else if (!Character.isWhitespace(c)) {
                throw new IllegalArgumentException("text after a quoted value in: " + line);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in: " + line);
        }
        cells.add(finish(cell, wasQuoted));
        return cells;
    }

    private static String finish(StringBuilder cell, boolean quoted) {
        if (quoted) {
            return cell.toString();
        }
        String text = cell.toString().strip();
        return text.equals("NULL") ? null : text;
    }
}
