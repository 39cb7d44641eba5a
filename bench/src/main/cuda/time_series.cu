// Element-wise steps of the time-series experiment, launched by GpuTimeSeries.java between GpuScan's inclusive int64
// prefix sums: products and squares before the scans, and window statistics from prefix differences after them.
// Window sums are exact int64 differences; the floating steps use explicitly rounded intrinsics (no fused
// multiply-add), so they are the IEEE operations CpuTimeSeries.java does in Java, in the same order.
constexpr int THREADS = 256;

__device__ __forceinline__ long long grid_start() {
    return static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long grid_stride() {
    return static_cast<long long>(gridDim.x) * blockDim.x;
}

// The window ending at row i: min(i + 1, window) rows, and the prefix sum just before it (0 at the start).
__device__ __forceinline__ long long window_rows(long long i, int window) {
    return i + 1 < window ? i + 1 : window;
}

__device__ __forceinline__ long long before_window(const long long* prefix, long long i, int window) {
    return i >= window ? prefix[i - window] : 0;
}

extern "C" __global__ void __launch_bounds__(THREADS)
    time_series_products(const long long* price, const long long* volume, long long count, long long* product) {
    for (long long i = grid_start(); i < count; i += grid_stride()) product[i] = price[i] * volume[i];
}

extern "C" __global__ void __launch_bounds__(THREADS)
    time_series_squares(const long long* price, long long count, long long* square) {
    for (long long i = grid_start(); i < count; i += grid_stride()) square[i] = price[i] * price[i];
}

extern "C" __global__ void __launch_bounds__(THREADS)
    time_series_window_mean(const long long* prefix, long long count, int window, double* mean) {
    for (long long i = grid_start(); i < count; i += grid_stride()) {
        const long long sum = prefix[i] - before_window(prefix, i, window);
        mean[i] = __ddiv_rn(__ll2double_rn(sum), __ll2double_rn(window_rows(i, window)));
    }
}

extern "C" __global__ void __launch_bounds__(THREADS)
    time_series_prefix_ratio(const long long* numerator, const long long* denominator, long long count,
                             double* ratio) {
    for (long long i = grid_start(); i < count; i += grid_stride()) {
        ratio[i] = __ddiv_rn(__ll2double_rn(numerator[i]), __ll2double_rn(denominator[i]));
    }
}

// Middle band = window mean; upper and lower = mean +- 2 population standard deviations, with the variance's
// numerator rows * sum(x^2) - sum(x)^2 exact in int64.
extern "C" __global__ void __launch_bounds__(THREADS)
    time_series_bollinger(const long long* sums, const long long* squares, long long count, int window,
                          double* middle, double* upper, double* lower) {
    for (long long i = grid_start(); i < count; i += grid_stride()) {
        const long long rows = window_rows(i, window);
        const long long sum = sums[i] - before_window(sums, i, window);
        const long long square = squares[i] - before_window(squares, i, window);
        const double rowsDouble = __ll2double_rn(rows);
        const double mean = __ddiv_rn(__ll2double_rn(sum), rowsDouble);
        const double deviation = __ddiv_rn(__dsqrt_rn(__ll2double_rn(rows * square - sum * sum)), rowsDouble);
        const double spread = __dmul_rn(2.0, deviation);
        middle[i] = mean;
        upper[i] = __dadd_rn(mean, spread);
        lower[i] = __dsub_rn(mean, spread);
    }
}
