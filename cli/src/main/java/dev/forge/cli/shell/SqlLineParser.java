package dev.forge.cli.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits the shell's buffer into words for completion (SQL punctuation separates words too) and keeps reading lines
 * until the statement ends with {@code ;}: Enter on an unfinished statement continues it on the next line.
 */
final class SqlLineParser extends DefaultParser {
    private static final String PUNCTUATION = "(),;=<>+-*/%|";

    SqlLineParser() {
        // backslashes and double quotes mean nothing special to the word splitter; quotes are tracked in isComplete
        escapeChars(new char[0]);
        quoteChars(new char[] {'\''});
        eofOnUnclosedQuote(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !ScriptSplitter.isComplete(line)) {
            throw new EOFError(-1, cursor, "the statement goes on until ';'", ";");
        }
        return super.parse(line, cursor, context);
    }

    @Override
    public boolean isDelimiterChar(CharSequence buffer, int position) {
        char c = buffer.charAt(position);
        return Character.isWhitespace(c) || PUNCTUATION.indexOf(c) >= 0;
    }
}
