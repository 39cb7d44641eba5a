// The total order every Forge primitive shares (see TotalOrder.java): floating-point values map to signed integers
// that compare like Double.compare, with -0.0 below +0.0 and every NaN one value, above +Infinity.
#pragma once

__device__ __forceinline__ int order_key(int value) { return value; }
__device__ __forceinline__ long long order_key(long long value) { return value; }

__device__ __forceinline__ int order_key(float value) {
    int bits = __float_as_int(value);
    if (value != value) {
        bits = 0x7fc00000;  // canonical NaN, as Float.floatToIntBits gives
    }
    return bits ^ static_cast<int>(static_cast<unsigned int>(bits >> 31) >> 1);
}

__device__ __forceinline__ long long order_key(double value) {
    long long bits = __double_as_longlong(value);
    if (value != value) {
        bits = 0x7ff8000000000000LL;  // canonical NaN, as Double.doubleToLongBits gives
    }
    return bits ^ static_cast<long long>(static_cast<unsigned long long>(bits >> 63) >> 1);
}

// The inverse maps, back to the value's bits.
__device__ __forceinline__ int value_of_key(int key, int) { return key; }
__device__ __forceinline__ long long value_of_key(long long key, long long) { return key; }
__device__ __forceinline__ float value_of_key(int key, float) {
    return __int_as_float(key ^ static_cast<int>(static_cast<unsigned int>(key >> 31) >> 1));
}
__device__ __forceinline__ double value_of_key(long long key, double) {
    return __longlong_as_double(key ^ static_cast<long long>(static_cast<unsigned long long>(key >> 63) >> 1));
}

// The ends of the order, as keys: the identities of max and min. For floats the lowest value is -Infinity and
// the highest is NaN, so the max of nothing is -Infinity and the min of nothing is NaN, as on the CPU.
__device__ __forceinline__ int lowest_key(int) { return static_cast<int>(0x80000000u); }
__device__ __forceinline__ int highest_key(int) { return 0x7fffffff; }
__device__ __forceinline__ long long lowest_key(long long) { return static_cast<long long>(0x8000000000000000ull); }
__device__ __forceinline__ long long highest_key(long long) { return 0x7fffffffffffffffll; }
__device__ __forceinline__ int lowest_key(float) { return order_key(__int_as_float(0xff800000)); }
__device__ __forceinline__ int highest_key(float) { return order_key(__int_as_float(0x7fc00000)); }
__device__ __forceinline__ long long lowest_key(double) { return order_key(__longlong_as_double(0xfff0000000000000ll)); }
__device__ __forceinline__ long long highest_key(double) { return order_key(__longlong_as_double(0x7ff8000000000000ll)); }
