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
