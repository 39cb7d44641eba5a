package dev.forge.executor.cpu.expression;

import dev.forge.plan.QueryException;

/** The canonical SQL text of dates, timestamps and floats, and parsing it back. */
final class TextValues {
    private TextValues() {
    }

    static String formatDate(long epochDay) {
        long packed = CivilCalendar.civil(epochDay);
        long year = CivilCalendar.year(packed);
        String yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4);
        return yearText + "-" + pad(CivilCalendar.month(packed), 2) + "-" + pad(CivilCalendar.day(packed), 2);
    }

    static String formatTimestamp(long micros) {
        long day = Math.floorDiv(micros, CivilCalendar.MICROS_PER_DAY);
        long time = Math.floorMod(micros, CivilCalendar.MICROS_PER_DAY);
        long seconds = time / 1_000_000;
        long fraction = time % 1_000_000;
        String text = formatDate(day) + " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
                + pad(seconds % 60, 2);
        if (fraction != 0) {
            String digits = pad(fraction, 6);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text += "." + digits.substring(0, end);
        }
        return text;
    }

    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(value);
    }

    static String formatFloat(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return Float.toString(value);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /**
     * 'YYYY-MM-DD', optionally followed (after a space or 'T') by 'HH:MM[:SS[.ffffff]]', as epoch microseconds.
     * {@code forDate} accepts a time part only when it is midnight-free of meaning (it is dropped).
     */
    static long parseTimestamp(String text, boolean forDate) {
        try {
            int firstDash = text.indexOf('-', 1);
            int secondDash = text.indexOf('-', firstDash + 1);
            if (firstDash < 0 || secondDash < 0) {
                throw new NumberFormatException();
            }
            long year = Long.parseLong(text.substring(0, firstDash));
            int month = Integer.parseInt(text.substring(firstDash + 1, secondDash));
            int dayEnd = secondDash + 1;
            while (dayEnd < text.length() && Character.isDigit(text.charAt(dayEnd))) {
                dayEnd++;
            }
            int day = Integer.parseInt(text.substring(secondDash + 1, dayEnd));
            if (month < 1 || month > 12 || day < 1 || day > CivilCalendar.daysInMonth(year, month)) {
                throw new NumberFormatException();
            }
            long micros = Math.multiplyExact(CivilCalendar.epochDay(year, month, day), CivilCalendar.MICROS_PER_DAY);
            if (dayEnd == text.length()) {
                return micros;
            }
            char separator = text.charAt(dayEnd);
            if (separator != ' ' && separator != 'T') {
                throw new NumberFormatException();
            }
            String[] time = text.substring(dayEnd + 1).strip().split(":");
            if (time.length < 2 || time.length > 3) {
                throw new NumberFormatException();
            }
            int hour = Integer.parseInt(time[0]);
            int minute = Integer.parseInt(time[1]);
            long secondMicros = 0;
            if (time.length == 3) {
                java.math.BigDecimal seconds = new java.math.BigDecimal(time[2]);
                if (seconds.signum() < 0 || seconds.compareTo(java.math.BigDecimal.valueOf(60)) >= 0) {
                    throw new NumberFormatException();
                }
                secondMicros = seconds.movePointRight(6).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            }
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                throw new NumberFormatException();
            }
            return micros + hour * 3_600_000_000L + minute * 60_000_000L + secondMicros;
        } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException bad) {
            throw new QueryException("cannot cast '" + text + "' to " + (forDate ? "DATE" : "TIMESTAMP"));
        }
    }
}
