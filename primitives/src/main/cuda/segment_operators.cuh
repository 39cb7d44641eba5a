// The reductions of the segmented kernels: for values of type T, the type A a reduction carries, how a value enters
// it (in), how a result leaves it (out), its identity, and combine(earlier, later). Integer sums wrap (unsigned
// accumulators make the wrap defined); MIN and MAX compare TotalOrder keys (total_order.cuh), so -0.0 < +0.0 and
// every NaN is one value, and their floating results come out of the key with NaN canonical. Floating sums add in
// IEEE round-to-nearest without contraction and return NaN canonical, as the CPU twin does. EXACT says the result
// does not depend on how the values are grouped, which lets a fold take shortcuts; floating sums are not EXACT.
#pragma once

#include "total_order.cuh"

template <typename T>
struct SumOperator;

template <>
struct SumOperator<int> {
    using A = unsigned int;
    static constexpr bool EXACT = true;
    __device__ static A identity() { return 0u; }
    __device__ static A in(int value) { return static_cast<unsigned int>(value); }
    __device__ static int out(A sum) { return static_cast<int>(sum); }
    __device__ static A combine(A earlier, A later) { return earlier + later; }
};

template <>
struct SumOperator<long long> {
    using A = unsigned long long;
    static constexpr bool EXACT = true;
    __device__ static A identity() { return 0ull; }
    __device__ static A in(long long value) { return static_cast<unsigned long long>(value); }
    __device__ static long long out(A sum) { return static_cast<long long>(sum); }
    __device__ static A combine(A earlier, A later) { return earlier + later; }
};

template <>
struct SumOperator<float> {
    using A = float;
    static constexpr bool EXACT = false;
    __device__ static A identity() { return 0.0f; }
    __device__ static A in(float value) { return value; }
    __device__ static float out(A sum) { return sum != sum ? __int_as_float(0x7fc00000) : sum; }
    __device__ static A combine(A earlier, A later) { return __fadd_rn(earlier, later); }
};

template <>
struct SumOperator<double> {
    using A = double;
    static constexpr bool EXACT = false;
    __device__ static A identity() { return 0.0; }
    __device__ static A in(double value) { return value; }
    __device__ static double out(A sum) { return sum != sum ? __longlong_as_double(0x7ff8000000000000ll) : sum; }
    __device__ static A combine(A earlier, A later) { return __dadd_rn(earlier, later); }
};

template <typename T>
struct MinOperator {
    using A = decltype(order_key(T()));
    static constexpr bool EXACT = true;
    __device__ static A identity() { return highest_key(T()); }
    __device__ static A in(T value) { return order_key(value); }
    __device__ static T out(A key) { return value_of_key(key, T()); }
    __device__ static A combine(A earlier, A later) { return later < earlier ? later : earlier; }
};

template <typename T>
struct MaxOperator {
    using A = decltype(order_key(T()));
    static constexpr bool EXACT = true;
    __device__ static A identity() { return lowest_key(T()); }
    __device__ static A in(T value) { return order_key(value); }
    __device__ static T out(A key) { return value_of_key(key, T()); }
    __device__ static A combine(A earlier, A later) { return later > earlier ? later : earlier; }
};

// A carried value as the 8-byte payload of a tile word, and back.
__device__ __forceinline__ unsigned long long word_of(unsigned int value) { return value; }
__device__ __forceinline__ unsigned long long word_of(unsigned long long value) { return value; }
__device__ __forceinline__ unsigned long long word_of(int value) { return static_cast<unsigned int>(value); }
__device__ __forceinline__ unsigned long long word_of(long long value) { return static_cast<unsigned long long>(value); }
__device__ __forceinline__ unsigned long long word_of(float value) { return static_cast<unsigned int>(__float_as_int(value)); }
__device__ __forceinline__ unsigned long long word_of(double value) {
    return static_cast<unsigned long long>(__double_as_longlong(value));
}

__device__ __forceinline__ void from_word(unsigned long long word, unsigned int& value) { value = static_cast<unsigned int>(word); }
__device__ __forceinline__ void from_word(unsigned long long word, unsigned long long& value) { value = word; }
__device__ __forceinline__ void from_word(unsigned long long word, int& value) { value = static_cast<int>(static_cast<unsigned int>(word)); }
__device__ __forceinline__ void from_word(unsigned long long word, long long& value) { value = static_cast<long long>(word); }
__device__ __forceinline__ void from_word(unsigned long long word, float& value) {
    value = __int_as_float(static_cast<int>(static_cast<unsigned int>(word)));
}
__device__ __forceinline__ void from_word(unsigned long long word, double& value) {
    value = __longlong_as_double(static_cast<long long>(word));
}
