package dev.forge.bench.experiments.cases;

import java.util.List;

/**
 * Small texts for the GPU text parser, shared by the emulation test (CPU) and the GPU test: valid ones the CPU reader
 * reads too (their columns must equal the reader's), and bad ones with the first error the parser must report.
 */
final class ParseCases {
    private ParseCases() {
    }

    static final String CSV_ROW = "7,-12,3.50,0.25,2000-02-29,tea";
    static final String JSON_ROW = "{\"id\":7,\"amount\":-12,\"price\":3.50,\"rate\":0.25,\"day\":\"2000-02-29\","
            + "\"word\":\"tea\"}";

    /**
     * @param capacity the rows the line-end array holds
     * @param error the first error expected, or null for a valid text
     */
    record Case(String name, TextFormat format, String text, long capacity, Expected error) {
        static Case valid(String name, TextFormat format, String text) {
            return new Case(name, format, text, text.split("\n", -1).length, null);
        }

        static Case bad(String name, TextFormat format, String text, long row, int column, ParseError error,
                long badRows) {
            return new Case(name, format, text, text.split("\n", -1).length, new Expected(row, column, error,
                    badRows));
        }

        Case withCapacity(long rows) {
            return new Case(name, format, text, rows, error);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Expected(long row, int column, ParseError error, long badRows) {
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static List<Case> all() {
        int whole = ParseErrors.WHOLE_ROW;
        TextFormat csv = TextFormat.CSV;
        TextFormat json = TextFormat.NDJSON;
        return List.of(
                Case.valid("csv edge values", csv, lines(CSV_ROW,
                        "-2147483648,-9223372036854775808,-0.00,-0.0,1969-12-31,café",
                        "2147483647,9223372036854775807,9999999999.99,1e-5,2039-12-31,a",
                        "+0,007,.5,7.31E-2,1900-02-28,smörgåsbord")),
                Case.valid("csv without a final line end", csv, CSV_ROW + "\n" + CSV_ROW),
                Case.valid("csv with CRLF line ends", csv, CSV_ROW + "\r\n" + CSV_ROW + "\r\n"),
                Case.valid("ndjson in any key order, with spaces", json, lines(JSON_ROW,
                        "{ \"word\" : \"ox\" , \"day\":\"1970-01-01\",\"rate\":-0.0,\"price\":-0.00,\"amount\":0,"
                                + "\"id\":\"-5\" }",
                        "{\"amount\":1,\"id\":2,\"word\":123,\"price\":12,\"rate\":731e-4,\"day\":\"2004-02-29\"}")),
                Case.bad("csv missing field", csv, lines(CSV_ROW, "1,2,3.00,0.5,2000-01-01", CSV_ROW), 1, 5,
                        ParseError.MISSING_FIELD, 1),
                Case.bad("csv extra field", csv, lines(CSV_ROW, CSV_ROW, CSV_ROW + ",x"), 2, 6,
                        ParseError.EXTRA_FIELD, 1),
                Case.bad("csv quoted field", csv, lines(CSV_ROW, "1,2,3.00,0.5,2000-01-01,\"tea\""), 1, 5,
                        ParseError.QUOTED_CSV_FIELD, 1),
                Case.bad("csv blank line", csv, lines(CSV_ROW, "", CSV_ROW), 1, whole, ParseError.BLANK_LINE, 1),
                Case.bad("csv two bad rows, the first named", csv, lines(CSV_ROW, CSV_ROW,
                        "1,2,3.00,0.5,2023-02-29,tea", "1,x,3.00,0.5,2000-01-01,tea"), 2, 4, ParseError.NOT_A_DATE, 2),
                Case.bad("csv empty value", csv, lines("1,,3.00,0.5,2000-01-01,tea"), 0, 1, ParseError.EMPTY_FIELD, 1),
                Case.bad("csv int32 overflow", csv, lines("2147483648,2,3.00,0.5,2000-01-01,tea"), 0, 0,
                        ParseError.OUT_OF_RANGE, 1),
                Case.bad("csv decimal scale", csv, lines(CSV_ROW, "1,2,3.005,0.5,2000-01-01,tea"), 1, 2,
                        ParseError.TOO_MANY_FRACTION_DIGITS, 1),
                Case.bad("csv decimal precision", csv, lines("1,2,10000000000.00,0.5,2000-01-01,tea"), 0, 2,
                        ParseError.OUT_OF_RANGE, 1),
                Case.bad("csv float outside the exact path", csv, lines("1,2,3.00,1e300,2000-01-01,tea"), 0, 3,
                        ParseError.FLOAT_OUTSIDE_FAST_PATH, 1),
                Case.bad("csv byte order mark", csv, "\uFEFF" + lines(CSV_ROW), 0, whole,
                        ParseError.BYTE_ORDER_MARK, 1),
                Case.bad("csv more lines than the capacity", csv, lines(CSV_ROW, CSV_ROW, CSV_ROW), 2, whole,
                        ParseError.TOO_MANY_LINES, 1).withCapacity(2),
                Case.bad("csv unterminated line beyond the capacity", csv, CSV_ROW + "\n" + CSV_ROW, 1, whole,
                        ParseError.TOO_MANY_LINES, 1).withCapacity(1),
                Case.bad("ndjson escape", json, lines(JSON_ROW, JSON_ROW.replace("tea", "t\\\"ea")), 1, 5,
                        ParseError.JSON_ESCAPE, 1),
                Case.bad("ndjson escaped key", json, lines(JSON_ROW.replace("\"id\"", "\"i\\u0064\"")), 0, whole,
                        ParseError.JSON_ESCAPE, 1),
                Case.bad("ndjson unknown key", json, lines(JSON_ROW.replace("\"rate\"", "\"rates\"")), 0, whole,
                        ParseError.UNKNOWN_KEY, 1),
                Case.bad("ndjson duplicate key", json, lines(JSON_ROW.replace("}", ",\"id\":8}")), 0, 0,
                        ParseError.DUPLICATE_KEY, 1),
                Case.bad("ndjson missing key", json, lines(JSON_ROW.replace(",\"amount\":-12", "")), 0, 1,
                        ParseError.MISSING_FIELD, 1),
                Case.bad("ndjson null", json, lines(JSON_ROW.replace("-12", "null")), 0, 1, ParseError.JSON_NULL, 1),
                Case.bad("ndjson nested", json, lines(JSON_ROW.replace("\"tea\"", "[\"tea\"]")), 0, 5,
                        ParseError.NESTED_VALUE, 1),
                Case.bad("ndjson bare word", json, lines(JSON_ROW.replace("\"tea\"", "tea")), 0, 5,
                        ParseError.JSON_SYNTAX, 1),
                Case.bad("ndjson text after the object", json, lines(JSON_ROW + " x"), 0, whole,
                        ParseError.JSON_SYNTAX, 1),
                Case.bad("ndjson unterminated string", json, lines(JSON_ROW.substring(0, JSON_ROW.length() - 2)), 0,
                        5, ParseError.JSON_SYNTAX, 1),
                Case.bad("ndjson not an object", json, lines(JSON_ROW, "[1,2]"), 1, whole, ParseError.JSON_SYNTAX, 1),
                Case.bad("ndjson empty object", json, lines("{}"), 0, 0, ParseError.MISSING_FIELD, 1),
                Case.bad("ndjson bad number", json, lines(JSON_ROW.replace("0.25", "0.2.5")), 0, 3,
                        ParseError.NOT_A_NUMBER, 1));
    }
}
