package dev.forge.columnar.generate;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** The calendar facts of the SSB date dimension, whose rows are the days of 1992 to 1998. */
final class SsbDates {
    static final LocalDate FIRST = LocalDate.of(1992, 1, 1);
    static final LocalDate LAST = LocalDate.of(1998, 12, 31);

    private SsbDates() {
    }

    static int dayCount() {
        return (int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1);
    }

    /** The date key SSB joins on: {@code yyyymmdd} as an integer. */
    static int key(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    static int key(int epochDay) {
        return key(LocalDate.ofEpochDay(epochDay));
    }

    /** {@code "January 1, 1992"}. */
    static String longText(LocalDate date) {
        return monthName(date) + " " + date.getDayOfMonth() + ", " + date.getYear();
    }

    static String monthName(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    static String dayName(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** {@code "Jan1992"}. */
    static String yearMonth(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + date.getYear();
    }

    /** Sunday is 1, as in the SSB generator. */
    static int dayNumberInWeek(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /** Week 1 is the year's first seven days, so week {@code n} is days {@code 7n-6 .. 7n}. */
    static int weekNumberInYear(LocalDate date) {
        return (date.getDayOfYear() - 1) / 7 + 1;
    }

    static String sellingSeason(LocalDate date) {
        return switch (date.getMonthValue()) {
            case 12 -> "Christmas";
            case 1, 2 -> "Winter";
            case 3, 4, 5 -> "Spring";
            case 6, 7, 8 -> "Summer";
            default -> "Fall";
        };
    }

    /** Fixed US-style holidays: New Year, Independence Day, Christmas Eve and Day. */
    static boolean holiday(LocalDate date) {
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        return (month == 1 && day == 1) || (month == 7 && day == 4) || (month == 12 && (day == 24 || day == 25));
    }
}
