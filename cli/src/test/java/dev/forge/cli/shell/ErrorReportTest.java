package dev.forge.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.query.QueryFailure;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void theCaretUnderlinesTheFaultyTextOnItsLineAndTheHintFollows() {
        QueryFailure failure = new QueryFailure(QueryFailure.Kind.VALIDATION, "Column 'l_qty' not found", 2, 7, 11,
                "Did you mean l_quantity?", null);
        String report = ErrorReport.describe(failure, "SELECT 1\nWHERE\tl_qty > 3");
        assertThat(report.lines()).containsExactly(
                "error at line 2, column 7: Column 'l_qty' not found",
                "  WHERE l_qty > 3",
                "        ^^^^^",
                "hint: did you mean l_quantity?");
    }

    @Test
    void withoutAPositionThereIsNoCaret() {
        QueryFailure failure = new QueryFailure(QueryFailure.Kind.RUNTIME, "division by zero", null);
        assertThat(ErrorReport.describe(failure, "SELECT 1/0")).isEqualTo("query failed: division by zero");
    }

    @Test
    void aPositionPastTheTextStillPointsJustAfterIt() {
        QueryFailure failure = new QueryFailure(QueryFailure.Kind.SYNTAX, "unexpected end", 1, 40, 0, null, null);
        assertThat(ErrorReport.describe(failure, "SELECT").lines().toList().get(2)).isEqualTo("        ^");
    }
}
