package dev.forge.bench.experiments.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * Single fields for the GPU parser's value functions (text_fields.cuh), by column type: the tricky ones (signs,
 * -0.00, leading zeros, the int64 extremes, month ends and leap days, 0.1, exponents) and ones the CPU reader rejects.
 * A few the CPU reader accepts but the GPU rejects on purpose, each with the code it must give.
 */
final class TextFieldCases {
    private TextFieldCases() {
    }

    /** One field: the type word text_parse_on_cpu takes, a decimal's precision and scale, the text. */
    record Field(String type, int precision, int scale, String text, ParseError gpuOnlyRejects) {
        String line() {
            return type + " " + precision + " " + scale + " " + text;
        }
    }

    static List<Field> all() {
        List<Field> fields = new ArrayList<>();
        for (String text : List.of("0", "-0", "+7", "2147483647", "-2147483648", "2147483648", "-2147483649", "007",
                "12a", "-", "+", "--1", " 1", "1 ", "99999999999999999999", "1.0", "1e3")) {
            fields.add(new Field("int32", 0, 0, text, null));
        }
        for (String text : List.of("9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "-9223372036854775809", "00000000000000000000001", "-0", "1.0", "1e3", "123456789012")) {
            fields.add(new Field("int64", 0, 0, text, null));
        }
        for (String text : List.of("-0.00", "0", "12", "12.5", "12.34", "12.345", "-1234.56", ".5", "5.", "+3.10",
                "9999999999.99", "10000000000.00", "-9999999999.99", "1.2.3", "-", ".", "0000000000000000000001.00",
                "1e5", "12 ")) {
            fields.add(new Field("decimal", 12, 2, text, null));
        }
        for (String text : List.of("999999999999999999", "1000000000000000000", "-999999999999999999")) {
            fields.add(new Field("decimal", 18, 0, text, null));
        }
        fields.add(new Field("decimal", 18, 2, "9999999999999999.99", null));
        fields.add(new Field("decimal", 18, 2, "99999999999999999.9", null));
        for (String text : List.of("0", "-0", "-0.0", "0.1", "0.2", "0.3", "0.0731", "1e-5", "1E5", "1e+5", "1e22",
                "9007199254740992", "0.1000000000000000000000", "3.14159", "-2.5e-3", ".5", "5.", "-.5e1", "1e", "e5",
                "1e+-5", "1.2.3", "NaN", "Infinity", "0x1p3", "1d", "+1.5", "123456.789", "1e-22", "7.31E-2",
                "731e-4", "0e0", "-0e0", "00000.000001", "0e999999", "0.000000000000000000001")) {
            fields.add(new Field("float64", 0, 0, text, null));
        }
        for (String text : List.of("1e23", "1e-23", "123456789012345678", "9007199254740993",
                "1.7976931348623157e308", "4.9e-324", "1e300", "0.12345678901234567", "4503599627370497.5",
                "1e100000000000")) {
            fields.add(new Field("float64", 0, 0, text, ParseError.FLOAT_OUTSIDE_FAST_PATH));
        }
        for (String text : List.of("1970-01-01", "1969-12-31", "2000-02-29", "1900-02-29", "2004-02-29", "2023-02-29",
                "2023-04-30", "2023-04-31", "2023-12-31", "2024-01-31", "0000-01-01", "0000-02-29", "9999-12-31",
                "2023-1-01", "2023-13-01", "2023-00-10", "2023-01-00", "20230101", "2023/01/01", "2023-01-01T00",
                "1995-03-15")) {
            fields.add(new Field("date", 0, 0, text, null));
        }
        return fields;
    }
}
