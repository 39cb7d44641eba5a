package dev.forge.columnar.encoding;

/** An encoded chunk whose header or sections are inconsistent: corrupt data, or a bug in its writer. */
public final class InvalidChunkException extends RuntimeException {
    public InvalidChunkException(String message) {
        super(message);
    }
}
