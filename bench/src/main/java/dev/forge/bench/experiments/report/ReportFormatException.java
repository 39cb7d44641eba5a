package dev.forge.bench.experiments.report;

import java.io.IOException;

/**
 * A suite report's JSON that cannot be read: not JSON, or not what {@code forge bench run --json} writes. The message
 * starts with the file, line and column at fault ("a.json:12:5: ...") and says what was expected there.
 */
public final class ReportFormatException extends IOException {

    ReportFormatException(String source, JsonValue.Position position, String problem) {
        super(source + ":" + position + ": " + problem);
    }
}
