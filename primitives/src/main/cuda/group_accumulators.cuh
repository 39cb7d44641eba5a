// The accumulators of a hash group-by (group_by.cu), each a few 64-bit words that only ever take atomic adds, maxes
// and ors, so the order in which rows, blocks and shared-memory tables arrive never changes a result:
//   - counts and int32 sums: one word;
//   - exact int64 sums: a 128-bit two's complement integer, low word first;
//   - MIN and MAX of any type: the unsigned total-order key (total_order.cuh), MIN stored complemented, so that both
//     are atomic maxes over words that start at zero;
//   - floating sums: the values as exact fixed-point integers (positive and negative magnitudes apart, 192 bits
//     each) on a grid set by the column's largest exponent, plus flags for NaN and infinities; the sum is rounded to
//     a double once, at the end. Deterministic, and exact for every value within 2^106 of the column's largest.
#pragma once

#include "total_order.cuh"

// Words of a floating sum accumulator: positive magnitude, negative magnitude, special values.
constexpr int FLOAT_SUM_WORDS = 7;
constexpr int MAGNITUDE_WORDS = 3;
// Where the largest exponent of the column puts a value's leading bit: up to 2^31 values of at most 2^(106 + 53)
// stay below 2^192.
constexpr int FIXED_POINT_HEADROOM = 106;
constexpr unsigned long long SPECIAL_NAN = 1;
constexpr unsigned long long SPECIAL_POSITIVE_INFINITY = 2;
constexpr unsigned long long SPECIAL_NEGATIVE_INFINITY = 4;
constexpr unsigned long long SIGN_BIT = 0x8000000000000000ULL;

// Adds the WORDS-word integer `parts` to the one at `words` (either may be two's complement: a carry out of the top
// word is dropped). Each word takes one atomic add, and a carry out of it goes into the next one as its own add, so
// concurrent adders together leave exactly the sum of everything added.
template <int WORDS>
__device__ __forceinline__ void add_wide(unsigned long long* words, const unsigned long long (&parts)[WORDS]) {
    unsigned long long carry = 0;
#pragma unroll
    for (int k = 0; k < WORDS; ++k) {
        const unsigned long long add = parts[k] + carry;
        const unsigned long long carryIn = add < carry ? 1 : 0;  // parts[k] was all ones and a carry came in
        carry = carryIn;
        if (add != 0) {
            const unsigned long long old = atomicAdd(&words[k], add);
            carry += old + add < old ? 1 : 0;
        }
    }
}

// An int64 value into a 128-bit sum.
__device__ __forceinline__ void add_int64(unsigned long long* sum, long long value) {
    const unsigned long long parts[2] = {static_cast<unsigned long long>(value), value < 0 ? ~0ULL : 0ULL};
    add_wide<2>(sum, parts);
}

// The biased exponent a value's leading bit has, subnormals counted as the smallest normal one (1); 0x7ff for
// infinities and NaN.
__device__ __forceinline__ int biased_exponent(double value) {
    const int biased = static_cast<int>((static_cast<unsigned long long>(__double_as_longlong(value)) >> 52) & 0x7ff);
    return biased == 0 ? 1 : biased;
}

// A floating value into its sum. `largestExponent` is the largest biased_exponent of the finite values of the
// column (at least 1). The value m * 2^(e - 1075) becomes the integer m * 2^(e - largestExponent + 106): exact
// unless e is more than 106 below the largest, and then cut toward zero on the same grid whatever the order.
__device__ __forceinline__ void add_float(unsigned long long* sum, double value, int largestExponent) {
    const unsigned long long bits = static_cast<unsigned long long>(__double_as_longlong(value));
    const unsigned long long fraction = bits & ((1ULL << 52) - 1);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    const bool negative = (bits >> 63) != 0;
    if (biased == 0x7ff) {
        atomicOr(&sum[2 * MAGNITUDE_WORDS],
                 fraction != 0 ? SPECIAL_NAN : negative ? SPECIAL_NEGATIVE_INFINITY : SPECIAL_POSITIVE_INFINITY);
        return;
    }
    if (biased == 0 && fraction == 0) {
        return;  // either zero adds nothing
    }
    const unsigned long long mantissa = biased == 0 ? fraction : fraction | (1ULL << 52);
    const int shift = FIXED_POINT_HEADROOM - (largestExponent - (biased == 0 ? 1 : biased));
    unsigned long long parts[MAGNITUDE_WORDS] = {0, 0, 0};
    if (shift >= 0) {  // at most 106: the 53 bits span words 0 to 2
        const int word = shift / 64;
        const int bit = shift % 64;
        parts[word] = mantissa << bit;
        if (bit != 0) {
            parts[word + 1] = mantissa >> (64 - bit);
        }
    } else if (shift > -64) {
        parts[0] = mantissa >> -shift;
    }
    add_wide<MAGNITUDE_WORDS>(sum + (negative ? MAGNITUDE_WORDS : 0), parts);
}

// The unsigned key a MIN or MAX accumulates: the total order of the value widened to 64 bits (int32 sign-extended,
// float32 exactly to double), so that every NaN is one value above +Infinity, and -0.0 is below +0.0.
__device__ __forceinline__ unsigned long long extreme_key(long long value) {
    return static_cast<unsigned long long>(value) ^ SIGN_BIT;
}

__device__ __forceinline__ unsigned long long extreme_key(double value) {
    return static_cast<unsigned long long>(order_key(value)) ^ SIGN_BIT;
}

// Bits [from, from + 64) of the 192-bit magnitude (zero past its top).
__device__ __forceinline__ unsigned long long magnitude_bits(const unsigned long long (&magnitude)[MAGNITUDE_WORDS],
                                                           int from) {
    const int word = from / 64;
    const int bit = from % 64;
    if (word >= MAGNITUDE_WORDS) {
        return 0;
    }
    unsigned long long bits = magnitude[word] >> bit;
    if (bit != 0 && word + 1 < MAGNITUDE_WORDS) {
        bits |= magnitude[word + 1] << (64 - bit);
    }
    return bits;
}

// Whether any of bits [0, below) of the magnitude is set.
__device__ __forceinline__ bool any_magnitude_bit_below(const unsigned long long (&magnitude)[MAGNITUDE_WORDS],
                                                        int below) {
    for (int word = 0; word < MAGNITUDE_WORDS && below > 0; ++word, below -= 64) {
        const unsigned long long mask = below >= 64 ? ~0ULL : (1ULL << below) - 1;
        if ((magnitude[word] & mask) != 0) {
            return true;
        }
    }
    return false;
}

// kept * 2^exponent as round_magnitude leaves them: a normal result has kept in [2^52, 2^53] (2^53 when rounding
// carried), a subnormal one has exponent -1074 and kept at most 2^52. Built from its bits, so it is exact by
// construction; too large an exponent gives infinity, as rounding to nearest does.
__device__ __forceinline__ double compose_double(unsigned long long kept, int exponent) {
    if (kept == (1ULL << 53)) {
        kept >>= 1;
        ++exponent;
    }
    if (kept < (1ULL << 52)) {
        return __longlong_as_double(static_cast<long long>(kept));  // subnormal (or zero): exponent is -1074
    }
    const int biased = exponent + 52 + 1023;
    if (biased >= 0x7ff) {
        return __longlong_as_double(0x7ff0000000000000LL);
    }
    return __longlong_as_double(static_cast<long long>((static_cast<unsigned long long>(biased) << 52) |
                                                       (kept - (1ULL << 52))));
}

// magnitude * 2^scale, rounded to the nearest double (ties to even), subnormal and overflowing results included.
__device__ __forceinline__ double round_magnitude(const unsigned long long (&magnitude)[MAGNITUDE_WORDS], int scale) {
    int top = -1;  // the leading bit
    for (int word = MAGNITUDE_WORDS - 1; word >= 0 && top < 0; --word) {
        if (magnitude[word] != 0) {
            top = 64 * word + 63 - __clzll(static_cast<long long>(magnitude[word]));
        }
    }
    if (top < 0) {
        return 0.0;
    }
    const int exponent = top + scale;  // the value lies in [2^exponent, 2^(exponent + 1))
    const int keep = exponent >= -1022 ? 53 : exponent + 1075;  // the bits a double holds at that exponent
    const int drop = top + 1 - keep;
    if (drop <= 0) {
        return compose_double(magnitude[0] << -drop, drop + scale);  // at most 53 bits: exact
    }
    unsigned long long kept = keep > 0 ? magnitude_bits(magnitude, drop) & ((1ULL << keep) - 1) : 0;
    const bool half = ((magnitude_bits(magnitude, drop - 1)) & 1) != 0;
    if (half && (any_magnitude_bit_below(magnitude, drop - 1) || (kept & 1) != 0)) {
        ++kept;  // may carry to 2^keep, which compose_double takes
    }
    return compose_double(kept, drop + scale);
}

// The sum a floating accumulator holds, as the CPU twin would give it for NaN and infinities (one canonical NaN).
__device__ __forceinline__ double finish_float_sum(const unsigned long long* sum, int largestExponent) {
    const unsigned long long specials = sum[2 * MAGNITUDE_WORDS];
    const bool bothInfinities = (specials & SPECIAL_POSITIVE_INFINITY) && (specials & SPECIAL_NEGATIVE_INFINITY);
    if ((specials & SPECIAL_NAN) || bothInfinities) {
        return __longlong_as_double(0x7ff8000000000000LL);
    }
    if (specials != 0) {
        return __longlong_as_double((specials & SPECIAL_POSITIVE_INFINITY) ? 0x7ff0000000000000LL
                                                                          : static_cast<long long>(0xfff0000000000000ULL));
    }
    // positive - negative, as a 192-bit two's complement integer, then its sign and magnitude
    unsigned long long difference[MAGNITUDE_WORDS];
    unsigned long long borrow = 0;
    for (int k = 0; k < MAGNITUDE_WORDS; ++k) {
        const unsigned long long positive = sum[k];
        const unsigned long long negative = sum[MAGNITUDE_WORDS + k];
        difference[k] = positive - negative - borrow;
        borrow = (positive < negative || (positive == negative && borrow != 0)) ? 1 : 0;
    }
    const bool negativeSum = (difference[MAGNITUDE_WORDS - 1] >> 63) != 0;
    if (negativeSum) {
        unsigned long long carry = 1;
        for (int k = 0; k < MAGNITUDE_WORDS; ++k) {
            difference[k] = ~difference[k] + carry;
            carry = carry != 0 && difference[k] == 0 ? 1 : 0;
        }
    }
    const double magnitude = round_magnitude(difference, largestExponent - 1075 - FIXED_POINT_HEADROOM);
    return negativeSum ? -magnitude : magnitude;
}
