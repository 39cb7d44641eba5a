// The spreadsheet experiment's one element-wise step, launched by SpreadsheetExperiment.java: AVERAGE from the column
// sums GpuSegmentedReduce wrote, one correctly rounded division each (the CPU twin does the same division in Java).
constexpr int THREADS = 256;

extern "C" __global__ void __launch_bounds__(THREADS)
    spreadsheet_divide(const double* sums, long long count, double divisor, double* quotients) {
    for (long long i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x; i < count;
         i += static_cast<long long>(gridDim.x) * blockDim.x) {
        quotients[i] = __ddiv_rn(sums[i], divisor);
    }
}
