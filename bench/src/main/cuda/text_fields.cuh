// Typed values out of ASCII text, one field at a time, for the GPU text parser (text_parse.cu) and for its host test
// (bench/src/test/emulation), which compiles this same header with g++. Each parser mirrors what columnar's CPU
// readers accept (io/TextValues.java) or rejects a field loudly with an error code: none ever guesses a value.
// FORGE_HOST_DEVICE marks functions both compilers build; NVRTC and nvcc define __CUDACC__, g++ does not.
#pragma once

#ifdef __CUDACC__
#define FORGE_HOST_DEVICE __host__ __device__ __forceinline__
#else
#define FORGE_HOST_DEVICE inline
#endif

// Why a row was rejected. Keep in step with ParseError.java (ParseErrorCodesTest compares the two).
enum TextError : int {
    TEXT_OK = 0,
    TEXT_MISSING_FIELD = 1,
    TEXT_EXTRA_FIELD = 2,
    TEXT_EMPTY_FIELD = 3,
    TEXT_NOT_A_NUMBER = 4,
    TEXT_OUT_OF_RANGE = 5,
    TEXT_TOO_MANY_FRACTION_DIGITS = 6,
    TEXT_TOO_MANY_DIGITS = 7,
    TEXT_FLOAT_OUTSIDE_FAST_PATH = 8,
    TEXT_NOT_A_DATE = 9,
    TEXT_QUOTED_CSV_FIELD = 10,
    TEXT_JSON_ESCAPE = 11,
    TEXT_JSON_SYNTAX = 12,
    TEXT_UNKNOWN_KEY = 13,
    TEXT_DUPLICATE_KEY = 14,
    TEXT_JSON_NULL = 15,
    TEXT_NESTED_VALUE = 16,
    TEXT_BLANK_LINE = 17,
    TEXT_TOO_MANY_LINES = 18,
    TEXT_BYTE_ORDER_MARK = 19,
};

constexpr long long TEXT_INT64_MIN = -9223372036854775807LL - 1;
// Integers up to 2^53 are exact doubles, and so is every power of ten up to 10^22.
constexpr unsigned long long TEXT_EXACT_DOUBLE_INTEGER = 1ULL << 53;
constexpr int TEXT_EXACT_POWER_OF_TEN = 22;

FORGE_HOST_DEVICE bool text_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Optional sign, then at least one digit and nothing else; the 64-bit range exactly (TextValues.parseLong).
FORGE_HOST_DEVICE int text_parse_int64(const unsigned char* s, long long n, long long* out) {
    long long at = 0;
    bool negative = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        at = 1;
    }
    if (at == n) return TEXT_NOT_A_NUMBER;
    long long value = 0;  // accumulated negatively, so that the most negative value parses
    for (; at < n; ++at) {
        if (!text_is_digit(s[at])) return TEXT_NOT_A_NUMBER;
        const int digit = s[at] - '0';
        if (value < (TEXT_INT64_MIN + digit) / 10) return TEXT_OUT_OF_RANGE;
        value = value * 10 - digit;
    }
    if (!negative) {
        if (value == TEXT_INT64_MIN) return TEXT_OUT_OF_RANGE;
        value = -value;
    }
    *out = value;
    return TEXT_OK;
}

FORGE_HOST_DEVICE int text_parse_int32(const unsigned char* s, long long n, int* out) {
    long long wide = 0;
    const int status = text_parse_int64(s, n, &wide);
    if (status != TEXT_OK) return status;
    if (wide < -2147483647LL - 1 || wide > 2147483647LL) return TEXT_OUT_OF_RANGE;
    *out = static_cast<int>(wide);
    return TEXT_OK;
}

FORGE_HOST_DEVICE long long text_power_of_ten(int exponent) {
    long long power = 1;
    for (int i = 0; i < exponent; ++i) power *= 10;
    return power;
}

// The unscaled value of a decimal with at most `scale` digits after the point and `precision` in all, as
// TextValues.parseDecimal reads it: "12" and "12.5" are scaled up, "-0.00" is 0, more than 18 significant digits are
// rejected.
FORGE_HOST_DEVICE int text_parse_decimal(const unsigned char* s, long long n, int precision, int scale,
                                         long long* out) {
    long long at = 0;
    bool negative = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        at = 1;
    }
    long long value = 0;
    int digits = 0;
    int significant = 0;
    int fraction = -1;
    for (; at < n; ++at) {
        const unsigned char c = s[at];
        if (c == '.' && fraction < 0) {
            fraction = 0;
            continue;
        }
        if (!text_is_digit(c)) return TEXT_NOT_A_NUMBER;
        const int digit = c - '0';
        ++digits;
        if (fraction >= 0 && ++fraction > scale) return TEXT_TOO_MANY_FRACTION_DIGITS;
        if ((value != 0 || digit != 0) && ++significant > 18) return TEXT_TOO_MANY_DIGITS;
        value = value * 10 + digit;
    }
    if (digits == 0) return TEXT_NOT_A_NUMBER;
    const int missing = scale - (fraction > 0 ? fraction : 0);
    if (significant + missing > 18) return TEXT_TOO_MANY_DIGITS;
    value *= text_power_of_ten(missing);
    if (value >= text_power_of_ten(precision < 18 ? precision : 18)) return TEXT_OUT_OF_RANGE;
    *out = negative ? -value : value;
    return TEXT_OK;
}

// 10^exponent for 0 <= exponent <= 22: every step is exact, so the result is too.
FORGE_HOST_DEVICE double text_exact_power_of_ten(int exponent) {
    double power = 1.0;
    for (int i = 0; i < exponent; ++i) power *= 10.0;
    return power;
}

// One correctly rounded IEEE operation: on the GPU by the explicit round-to-nearest intrinsics, so no compiler
// option can contract or approximate them; on the host by the plain operators (SSE2 doubles).
FORGE_HOST_DEVICE double text_multiply(double a, double b) {
#ifdef __CUDA_ARCH__
    return __dmul_rn(a, b);
#else
    return a * b;
#endif
}

FORGE_HOST_DEVICE double text_divide(double a, double b) {
#ifdef __CUDA_ARCH__
    return __ddiv_rn(a, b);
#else
    return a / b;
#endif
}

// A decimal floating-point number in the syntax TextValues.isFloatingSyntax accepts (optional sign, digits with at
// most one point, optional e/E exponent with an optional sign), converted exactly as Double.parseDouble does, but
// only on the classic fast path: the significant digits form an integer M <= 2^53 (leading and trailing zeros do not
// count) and the value is M * 10^e with |e| <= 22. Then M and 10^|e| are exact doubles and one correctly rounded
// multiplication or division gives the correctly rounded result, bit for bit Java's. Anything else is rejected with
// TEXT_FLOAT_OUTSIDE_FAST_PATH, never approximated. "-0.0" is negative zero, as in Java.
FORGE_HOST_DEVICE int text_parse_float64(const unsigned char* s, long long n, double* out) {
    long long at = 0;
    bool negative = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        at = 1;
    }
    unsigned long long mantissa = 0;
    int pendingZeros = 0;  // zeros after the last non-zero digit, not yet multiplied into the mantissa
    long long fractionDigits = 0;
    int digits = 0;
    bool point = false;
    bool outside = false;
    for (; at < n; ++at) {
        const unsigned char c = s[at];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (!text_is_digit(c)) break;
        ++digits;
        if (point) ++fractionDigits;
        const int digit = c - '0';
        if (digit == 0) {
            if (mantissa != 0) ++pendingZeros;
            continue;
        }
        for (int z = 0; z <= pendingZeros && !outside; ++z) {
            if (mantissa > TEXT_EXACT_DOUBLE_INTEGER / 10) outside = true;
            else mantissa *= 10;
        }
        pendingZeros = 0;
        mantissa += digit;
        if (mantissa > TEXT_EXACT_DOUBLE_INTEGER) outside = true;
    }
    if (digits == 0) return TEXT_NOT_A_NUMBER;
    long long exponent = 0;
    if (at < n) {
        if (s[at] != 'e' && s[at] != 'E') return TEXT_NOT_A_NUMBER;
        ++at;
        bool negativeExponent = false;
        if (at < n && (s[at] == '-' || s[at] == '+')) {
            negativeExponent = s[at] == '-';
            ++at;
        }
        if (at == n) return TEXT_NOT_A_NUMBER;
        for (; at < n; ++at) {
            if (!text_is_digit(s[at])) return TEXT_NOT_A_NUMBER;
            if (exponent < 100000) exponent = exponent * 10 + (s[at] - '0');  // far past any double: saturate
        }
        if (negativeExponent) exponent = -exponent;
    }
    if (mantissa == 0) {
        *out = negative ? -0.0 : 0.0;
        return TEXT_OK;
    }
    if (outside) return TEXT_FLOAT_OUTSIDE_FAST_PATH;
    const long long power = exponent - fractionDigits + pendingZeros;
    if (power > TEXT_EXACT_POWER_OF_TEN || power < -TEXT_EXACT_POWER_OF_TEN) return TEXT_FLOAT_OUTSIDE_FAST_PATH;
    const double exact = static_cast<double>(mantissa);
    double value = exact;
    if (power > 0) value = text_multiply(exact, text_exact_power_of_ten(static_cast<int>(power)));
    if (power < 0) value = text_divide(exact, text_exact_power_of_ten(static_cast<int>(-power)));
    *out = negative ? -value : value;
    return TEXT_OK;
}

// The value of `count` digits, or -1 when one is not a digit.
FORGE_HOST_DEVICE int text_digits(const unsigned char* s, int count) {
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (!text_is_digit(s[i])) return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

FORGE_HOST_DEVICE int text_days_in_month(int year, int month) {
    if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
    if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
    return 31;
}

FORGE_HOST_DEVICE long long text_floor_divide(long long a, long long b) {
    const long long quotient = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil, as TextValues.epochDay).
FORGE_HOST_DEVICE long long text_epoch_day(int year, int month, int day) {
    const long long y = month <= 2 ? year - 1 : year;
    const long long era = text_floor_divide(y, 400);
    const long long yearOfEra = y - era * 400;
    const long long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// yyyy-mm-dd, a real calendar day, as days since 1970-01-01 (TextValues.parseDate).
FORGE_HOST_DEVICE int text_parse_date(const unsigned char* s, long long n, int* out) {
    if (n != 10 || s[4] != '-' || s[7] != '-') return TEXT_NOT_A_DATE;
    const int year = text_digits(s, 4);
    const int month = text_digits(s + 5, 2);
    const int day = text_digits(s + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > text_days_in_month(year, month)) {
        return TEXT_NOT_A_DATE;
    }
    *out = static_cast<int>(text_epoch_day(year, month, day));
    return TEXT_OK;
}
