package dev.forge.columnar.io;

/**
 * Parses typed values out of ASCII text in a byte range, without allocating: integers, exact decimals (to a scaled
 * long), ISO dates (to days since the epoch) and timestamps (to microseconds). Each parser throws
 * {@link InvalidValue} with a reason when the text does not fit; {@code is*} methods answer the same question
 * without throwing, for type inference.
 */
final class TextValues {
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private TextValues() {
    }

    /** A value that does not fit its type; no stack trace, since bad rows may be skipped by the million. */
    static final class InvalidValue extends Exception {
        InvalidValue(String reason) {
            super(reason, null, false, false);
        }
    }

    static long parseLong(byte[] text, int start, int end) throws InvalidValue {
        int at = start;
        boolean negative = false;
        if (at < end && (text[at] == '-' || text[at] == '+')) {
            negative = text[at] == '-';
            at++;
        }
        if (at == end) {
            throw new InvalidValue("no digits");
        }
        long value = 0;
        for (; at < end; at++) {
            int digit = text[at] - '0';
            if (digit < 0 || digit > 9) {
                throw new InvalidValue("'" + (char) text[at] + "' is not a digit");
            }
            // accumulate negatively so that Long.MIN_VALUE parses
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new InvalidValue("out of the 64-bit integer range");
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw new InvalidValue("out of the 64-bit integer range");
            }
            return -value;
        }
        return value;
    }

    static int parseInt(byte[] text, int start, int end) throws InvalidValue {
        long value = parseLong(text, start, end);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidValue("out of the 32-bit integer range");
        }
        return (int) value;
    }

    /** The unscaled value of a decimal with at most {@code scale} fractional and {@code precision} total digits. */
    static long parseDecimal(byte[] text, int start, int end, int precision, int scale) throws InvalidValue {
        int at = start;
        boolean negative = false;
        if (at < end && (text[at] == '-' || text[at] == '+')) {
            negative = text[at] == '-';
            at++;
        }
        long value = 0;
        int digits = 0;
        int significant = 0;
        int fraction = -1;
        for (; at < end; at++) {
            byte b = text[at];
            if (b == '.' && fraction < 0) {
                fraction = 0;
                continue;
            }
            int digit = b - '0';
            if (digit < 0 || digit > 9) {
                throw new InvalidValue("'" + (char) b + "' is not a digit");
            }
            digits++;
            if (fraction >= 0) {
                if (++fraction > scale) {
                    throw new InvalidValue("more than " + scale + " digits after the point");
                }
            }
            if (value != 0 || digit != 0) {
                if (++significant > 18) {
                    throw new InvalidValue("more than 18 digits");
                }
            }
            value = value * 10 + digit;
        }
        if (digits == 0) {
            throw new InvalidValue("no digits");
        }
        int missing = scale - Math.max(fraction, 0);
        if (significant + missing > 18) {
            throw new InvalidValue("more than 18 digits");
        }
        value *= POWERS_OF_TEN[missing];
        if (value >= POWERS_OF_TEN[Math.min(precision, 18)]) {
            throw new InvalidValue("more than " + precision + " digits");
        }
        return negative ? -value : value;
    }

    static double parseDouble(byte[] text, int start, int end) throws InvalidValue {
        if (!isFloatingSyntax(text, start, end)) {
            throw new InvalidValue("not a number");
        }
        return Double.parseDouble(new String(text, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static boolean parseBoolean(byte[] text, int start, int end) throws InvalidValue {
        if (matchesIgnoringCase(text, start, end, "true")) {
            return true;
        }
        if (matchesIgnoringCase(text, start, end, "false")) {
            return false;
        }
        throw new InvalidValue("not true or false");
    }

    /** {@code yyyy-mm-dd} as days since 1970-01-01. */
    static int parseDate(byte[] text, int start, int end) throws InvalidValue {
        if (end - start != 10 || text[start + 4] != '-' || text[start + 7] != '-') {
            throw new InvalidValue("not a yyyy-mm-dd date");
        }
        int year = digits(text, start, 4);
        int month = digits(text, start + 5, 2);
        int day = digits(text, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw new InvalidValue("not a valid yyyy-mm-dd date");
        }
        return (int) epochDay(year, month, day);
    }

    /** {@code yyyy-mm-dd[ T]hh:mm:ss[.f{1,6}]} (or a bare date, at midnight) as microseconds since the epoch, UTC. */
    static long parseTimestamp(byte[] text, int start, int end) throws InvalidValue {
        int length = end - start;
        int days = parseDate(text, start, Math.min(end, start + 10));
        if (length == 10) {
            return days * 86_400_000_000L;
        }
        if (length < 19 || (text[start + 10] != ' ' && text[start + 10] != 'T') || text[start + 13] != ':'
                || text[start + 16] != ':') {
            throw new InvalidValue("not a yyyy-mm-dd hh:mm:ss timestamp");
        }
        int hour = digits(text, start + 11, 2);
        int minute = digits(text, start + 14, 2);
        int second = digits(text, start + 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            throw new InvalidValue("not a valid time of day");
        }
        long micros = 0;
        if (length > 19) {
            int fractionDigits = length - 20;
            if (text[start + 19] != '.' || fractionDigits < 1 || fractionDigits > 6) {
                throw new InvalidValue("fractional seconds must be '.' and 1 to 6 digits");
            }
            micros = digits(text, start + 20, fractionDigits);
            if (micros < 0) {
                throw new InvalidValue("fractional seconds must be digits");
            }
            micros *= POWERS_OF_TEN[6 - fractionDigits];
        }
        return days * 86_400_000_000L + (hour * 3600L + minute * 60L + second) * 1_000_000L + micros;
    }

    static boolean isInteger(byte[] text, int start, int end) {
        int at = start < end && (text[start] == '-' || text[start] == '+') ? start + 1 : start;
        return allDigits(text, at, end);
    }

    /** At least one byte, all ASCII digits. */
    private static boolean allDigits(byte[] text, int start, int end) {
        if (start == end) {
            return false;
        }
        for (int at = start; at < end; at++) {
            if (text[at] < '0' || text[at] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Digits with at most one point, optionally signed; returns digits after the point, or -1 when not a decimal. */
    static int decimalScale(byte[] text, int start, int end) {
        int at = start < end && (text[start] == '-' || text[start] == '+') ? start + 1 : start;
        int digits = 0;
        int fraction = -1;
        for (; at < end; at++) {
            byte b = text[at];
            if (b == '.' && fraction < 0) {
                fraction = 0;
            } else if (b >= '0' && b <= '9') {
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : Math.max(fraction, 0);
    }

    /** Significant digits before the point (leading zeros do not count). */
    static int integerDigits(byte[] text, int start, int end) {
        int at = start < end && (text[start] == '-' || text[start] == '+') ? start + 1 : start;
        while (at < end && text[at] == '0') {
            at++;
        }
        int count = 0;
        while (at < end && text[at] >= '0' && text[at] <= '9') {
            count++;
            at++;
        }
        return count;
    }

    /** Decimal syntax with an optional exponent. */
    static boolean isFloatingSyntax(byte[] text, int start, int end) {
        int at = start < end && (text[start] == '-' || text[start] == '+') ? start + 1 : start;
        int digits = 0;
        boolean point = false;
        for (; at < end; at++) {
            byte b = text[at];
            if (b >= '0' && b <= '9') {
                digits++;
            } else if (b == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (at == end) {
            return true;
        }
        if (text[at] != 'e' && text[at] != 'E') {
            return false;
        }
        at++;
        if (at < end && (text[at] == '-' || text[at] == '+')) {
            at++;
        }
        // then digits only: isInteger would take a second sign, which Double.parseDouble refuses with an exception
        return allDigits(text, at, end);
    }

    static boolean isBoolean(byte[] text, int start, int end) {
        return matchesIgnoringCase(text, start, end, "true") || matchesIgnoringCase(text, start, end, "false");
    }

    static boolean isDate(byte[] text, int start, int end) {
        try {
            parseDate(text, start, end);
            return true;
        } catch (InvalidValue notDate) {
            return false;
        }
    }

    static boolean isTimestamp(byte[] text, int start, int end) {
        try {
            parseTimestamp(text, start, end);
            return true;
        } catch (InvalidValue notTimestamp) {
            return false;
        }
    }

    private static boolean matchesIgnoringCase(byte[] text, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(text[start + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code count} ASCII digits, or -1 if any is not a digit. */
    private static int digits(byte[] text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097L + dayOfEra - 719468;
    }
}
