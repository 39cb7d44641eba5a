package dev.forge.columnar.io;

import java.io.IOException;
import java.nio.file.Path;

/** Input that cannot be read as data, with the file, the 1-based line and column (0 when unknown) at fault. */
public final class BadInputException extends IOException {
    private final Path path;
    private final long line;
    private final int column;

    public BadInputException(Path path, long line, int column, String problem) {
        super(path + (line > 0 ? ":" + line : "") + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    public Path path() {
        return path;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }
}
