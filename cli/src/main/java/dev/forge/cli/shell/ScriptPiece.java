package dev.forge.cli.shell;

/** One thing to do from a script or a shell entry: a SQL statement (no trailing semicolon) or a dot command line. */
public record ScriptPiece(Kind kind, String text) {
    /** SQL for the engine, or a dot command for the command line itself. */
    public enum Kind {
        SQL,
        DOT_COMMAND
    }

    public static ScriptPiece sql(String text) {
        return new ScriptPiece(Kind.SQL, text);
    }

    public static ScriptPiece dotCommand(String text) {
        return new ScriptPiece(Kind.DOT_COMMAND, text);
    }
}
