package dev.forge.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

    @Test
    void semicolonsInsideStringsNamesAndCommentsEndNothing() {
        String script = "SELECT 'a;b' AS \"x;y\" -- c;d\nFROM t /* e;f */;\n.tables\nSELECT 2";
        assertThat(ScriptSplitter.split(script)).containsExactly(
                ScriptPiece.sql("SELECT 'a;b' AS \"x;y\" -- c;d\nFROM t /* e;f */"),
                ScriptPiece.dotCommand(".tables"),
                ScriptPiece.sql("SELECT 2"));
    }

    @Test
    void doubledQuotesStayInsideTheString() {
        assertThat(ScriptSplitter.split("SELECT 'it''s; fine';")).containsExactly(ScriptPiece.sql("SELECT 'it''s; fine'"));
    }

    @Test
    void aDotOnlyStartsACommandAtTheStartOfAStatement() {
        assertThat(ScriptSplitter.split("SELECT 1\n.5 AS x;")).containsExactly(ScriptPiece.sql("SELECT 1\n.5 AS x"));
        assertThat(ScriptSplitter.split("  .schema lineitem  \n")).containsExactly(ScriptPiece.dotCommand(".schema lineitem"));
    }

    @Test
    void emptyStatementsAndCommentsAloneAreDropped() {
        assertThat(ScriptSplitter.split(";;\n-- nothing\n/* nothing */;")).isEmpty();
    }

    @Test
    void theShellWaitsForTheSemicolonOrTheEndOfAStringOrComment() {
        assertThat(ScriptSplitter.isComplete("SELECT 1")).isFalse();
        assertThat(ScriptSplitter.isComplete("SELECT 1;")).isTrue();
        assertThat(ScriptSplitter.isComplete("SELECT 1; -- done")).isTrue();
        assertThat(ScriptSplitter.isComplete("SELECT 'a;")).isFalse();
        assertThat(ScriptSplitter.isComplete("SELECT 1 /* ; ")).isFalse();
        assertThat(ScriptSplitter.isComplete(".tables")).isTrue();
        assertThat(ScriptSplitter.isComplete("   ")).isTrue();
    }
}
