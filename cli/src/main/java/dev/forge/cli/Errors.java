package dev.forge.cli;

/** Turns an exception into the one line a user reads. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
