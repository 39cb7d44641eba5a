package dev.forge.bench.experiments;

/** A contender's or a peer's result differs from the baseline's: its times would be for a wrong answer. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }
}
