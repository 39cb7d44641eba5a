package dev.forge.executor.cpu.expression;

/**
 * The proleptic Gregorian calendar on epoch days without allocation (Howard Hinnant's civil-from-days algorithms),
 * for EXTRACT and month arithmetic in inner loops.
 */
final class CivilCalendar {
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private CivilCalendar() {
    }

    /** Year, month (1-12) and day (1-31) packed as year * 10000 + month * 100 + day. */
    static long civil(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10_000 + (year < 0 ? -1 : 1) * (month * 100 + day);
    }

    static long year(long packed) {
        return packed / 10_000;
    }

    static int month(long packed) {
        return (int) (Math.abs(packed) / 100 % 100);
    }

    static int day(long packed) {
        return (int) (Math.abs(packed) % 100);
    }

    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The epoch day {@code months} months after {@code epochDay}, clamped to the end of the target month. */
    static long addMonths(long epochDay, long months) {
        long packed = civil(epochDay);
        long monthIndex = Math.addExact(Math.multiplyExact(year(packed), 12) + month(packed) - 1, months);
        long year = Math.floorDiv(monthIndex, 12);
        int month = (int) Math.floorMod(monthIndex, 12) + 1;
        int day = Math.min(day(packed), daysInMonth(year, month));
        return epochDay(year, month, day);
    }
}
