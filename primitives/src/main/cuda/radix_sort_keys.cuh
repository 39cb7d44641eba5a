// Order-preserving maps between key bits and the unsigned integers the radix sort orders (the same maps as
// TotalOrder.unsignedKey in Java): unsigned keys stay as they are, signed ones flip the sign bit, floating-point
// ones flip every bit when negative and the sign bit otherwise, after every NaN becomes the canonical NaN. So -0.0
// sorts just below +0.0, NaN above +Infinity, and a sorted NaN comes out canonical. A descending sort complements the
// ordered key, which keeps equal keys in input order (stable) in both directions.
#pragma once

// How the bits of a key are to be read; the values are part of the launch contract with GpuRadixSortPlan.java.
enum RadixKeyKind : int { KEY_UNSIGNED = 0, KEY_SIGNED = 1, KEY_FLOAT = 2 };

template <typename K>
struct RadixKeyBits {
    static constexpr K SIGN = K(1) << (sizeof(K) * 8 - 1);
    static constexpr K MAGNITUDE = ~SIGN;
    // Exponent all ones: a magnitude above this is a NaN.
    static constexpr K INFINITY_BITS = sizeof(K) == 4 ? K(0x7f800000u) : K(0x7ff0000000000000ull);
    static constexpr K CANONICAL_NAN = sizeof(K) == 4 ? K(0x7fc00000u) : K(0x7ff8000000000000ull);
};

template <typename K>
__device__ __forceinline__ K ordered_key(K bits, int kind, bool descending) {
    using Bits = RadixKeyBits<K>;
    K ordered = bits;
    if (kind == KEY_SIGNED) {
        ordered = bits ^ Bits::SIGN;
    } else if (kind == KEY_FLOAT) {
        if ((bits & Bits::MAGNITUDE) > Bits::INFINITY_BITS) {
            bits = Bits::CANONICAL_NAN;
        }
        ordered = (bits & Bits::SIGN) ? ~bits : bits ^ Bits::SIGN;
    }
    return descending ? ~ordered : ordered;
}

template <typename K>
__device__ __forceinline__ K key_bits(K ordered, int kind, bool descending) {
    using Bits = RadixKeyBits<K>;
    if (descending) {
        ordered = ~ordered;
    }
    if (kind == KEY_SIGNED) {
        return ordered ^ Bits::SIGN;
    }
    if (kind == KEY_FLOAT) {
        return (ordered & Bits::SIGN) ? ordered ^ Bits::SIGN : ~ordered;
    }
    return ordered;
}

// The digit of an ordered key at bit `shift`, `bits` wide (0 to 8; 0 gives digit 0 for every key).
template <typename K>
__device__ __forceinline__ unsigned int digit_of(K ordered, int shift, int bits) {
    return bits == 0 ? 0u : static_cast<unsigned int>(ordered >> shift) & ((1u << bits) - 1u);
}
