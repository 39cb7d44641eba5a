package dev.forge.cli.shell;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours SQL as it is typed: keywords bold blue, functions cyan, strings green, numbers magenta, comments dim. */
final class SqlHighlighter implements Highlighter {
    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle FUNCTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle DOT_COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder text = new AttributedStringBuilder(buffer.length());
        if (buffer.stripLeading().startsWith(".")) {
            return text.styled(DOT_COMMAND, buffer).toAttributedString();
        }
        int i = 0;
        while (i < buffer.length()) {
            char c = buffer.charAt(i);
            int end;
            AttributedStyle style;
            if (c == '\'') {
                end = closing(buffer, i, '\'');
                style = STRING;
            } else if (c == '-' && buffer.startsWith("--", i)) {
                int newline = buffer.indexOf('\n', i);
                end = newline < 0 ? buffer.length() : newline;
                style = COMMENT;
            } else if (c == '/' && buffer.startsWith("/*", i)) {
                int close = buffer.indexOf("*/", i + 2);
                end = close < 0 ? buffer.length() : close + 2;
                style = COMMENT;
            } else if (Character.isDigit(c)) {
                end = i;
                while (end < buffer.length() && (Character.isDigit(buffer.charAt(end)) || buffer.charAt(end) == '.')) {
                    end++;
                }
                style = NUMBER;
            } else if (Character.isLetter(c) || c == '_') {
                end = i;
                while (end < buffer.length() && (Character.isLetterOrDigit(buffer.charAt(end))
                        || buffer.charAt(end) == '_')) {
                    end++;
                }
                String word = buffer.substring(i, end);
                style = SqlWords.isKeyword(word) ? KEYWORD
                        : SqlWords.isFunction(word) && end < buffer.length() && buffer.charAt(end) == '(' ? FUNCTION
                        : AttributedStyle.DEFAULT;
            } else if (c == '"') {
                end = closing(buffer, i, '"');
                style = AttributedStyle.DEFAULT;
            } else {
                end = i + 1;
                style = AttributedStyle.DEFAULT;
            }
            text.styled(style, buffer.substring(i, end));
            i = end;
        }
        return text.toAttributedString();
    }

    private static int closing(String buffer, int open, char quote) {
        int i = open + 1;
        while (i < buffer.length()) {
            if (buffer.charAt(i) == quote) {
                if (i + 1 < buffer.length() && buffer.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return buffer.length();
    }
}
