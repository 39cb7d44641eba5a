package dev.forge.columnar.file;

import java.io.IOException;
import java.nio.file.Path;

/** A {@code .forge} file that cannot be used: truncated, corrupt, or from a newer format version. */
public final class ForgeFileException extends IOException {
    private final transient Path file;

    public ForgeFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ForgeFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
