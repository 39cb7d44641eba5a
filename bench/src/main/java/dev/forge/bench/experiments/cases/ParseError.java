package dev.forge.bench.experiments.cases;

/**
 * Why the GPU text parser rejected a row: the codes of text_fields.cuh's TextError, in the same order
 * ({@code ParseErrorCodesTest} compares them), each with what it means.
 */
enum ParseError {
    OK("no error"),
    MISSING_FIELD("the row has no value for this column"),
    EXTRA_FIELD("the row has more fields than there are columns"),
    EMPTY_FIELD("the value is empty (the CPU reader makes it NULL, and the column is not nullable)"),
    NOT_A_NUMBER("not a number: no digits, or a character that is not a digit"),
    OUT_OF_RANGE("the number is out of the column type's range"),
    TOO_MANY_FRACTION_DIGITS("more digits after the point than the decimal's scale"),
    TOO_MANY_DIGITS("more than 18 significant digits"),
    FLOAT_OUTSIDE_FAST_PATH("a float64 the GPU cannot convert exactly: more than 2^53 in its significant digits, or"
            + " a power of ten beyond 10^22 (rejected, not approximated)"),
    NOT_A_DATE("not a yyyy-mm-dd calendar date"),
    QUOTED_CSV_FIELD("a quote in a CSV field: the GPU parser does not unquote (the CPU reader does)"),
    JSON_ESCAPE("a backslash escape in a JSON string: the GPU parser keeps strings as views of the text, so it"
            + " rejects escapes"),
    JSON_SYNTAX("not a flat JSON object of keys and values"),
    UNKNOWN_KEY("a JSON key that names no column"),
    DUPLICATE_KEY("the JSON key appears twice in the row"),
    JSON_NULL("a JSON null (the column is not nullable)"),
    NESTED_VALUE("a nested JSON object or array"),
    BLANK_LINE("a blank line (the CPU readers skip it; the GPU parser counts every line as a row)"),
    TOO_MANY_LINES("more lines than the line-end array holds"),
    BYTE_ORDER_MARK("a UTF-8 byte order mark (the CPU readers skip it; the GPU parser rejects it)");

    private final String meaning;

    ParseError(String meaning) {
        this.meaning = meaning;
    }

    String meaning() {
        return meaning;
    }

    static ParseError ofCode(int code) {
        ParseError[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("the GPU parser reported error code " + code + ", which ParseError"
                    + " does not know (text_fields.cuh and ParseError.java differ)");
        }
        return all[code];
    }
}
