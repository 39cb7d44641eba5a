// Kernels the cuda module's GPU tests launch: each checks one feature of the launch path or the runtime.
#include "test_argument_pack.cuh"

// Writes every argument into `out` at fixed, naturally aligned offsets so the test can compare byte for byte.
extern "C" __global__ void echo_arguments(signed char letter, short small, int medium, long long large, float single,
                                          double twice, bool flag, const int* input, ArgumentPack pack,
                                          unsigned char* out) {
    if (blockIdx.x != 0 || threadIdx.x != 0) {
        return;
    }
    *reinterpret_cast<signed char*>(out + 0) = letter;
    *reinterpret_cast<short*>(out + 2) = small;
    *reinterpret_cast<int*>(out + 4) = medium;
    *reinterpret_cast<long long*>(out + 8) = large;
    *reinterpret_cast<float*>(out + 16) = single;
    *reinterpret_cast<double*>(out + 24) = twice;
    *reinterpret_cast<bool*>(out + 32) = flag;
    *reinterpret_cast<int*>(out + 36) = input[0];
    *reinterpret_cast<int*>(out + 40) = pack.number;
    *reinterpret_cast<double*>(out + 48) = pack.fraction;
    *reinterpret_cast<char*>(out + 56) = pack.letter;
}

extern "C" __global__ void add_scalar(int* data, int value, unsigned long long count) {
    const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
    for (unsigned long long i = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + threadIdx.x; i < count;
         i += stride) {
        data[i] += value;
    }
}

// Each thread writes its global linear index: checks that 3D grids and blocks arrive as given.
extern "C" __global__ void write_linear_index(int* out) {
    const int block = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
    const int thread = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
    const int threadsPerBlock = blockDim.x * blockDim.y * blockDim.z;
    out[block * threadsPerBlock + thread] = block * threadsPerBlock + thread;
}

// Reverses `count` ints through dynamic shared memory (one block).
extern "C" __global__ void reverse_through_shared(const int* in, int* out, int count) {
    extern __shared__ int staged[];
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        staged[i] = in[i];
    }
    __syncthreads();
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        out[i] = staged[count - 1 - i];
    }
}

// Every block waits until all blocks have arrived. Only a cooperative launch guarantees that all blocks are
// resident at once; each block then records how many had arrived, which must be the whole grid.
extern "C" __global__ void grid_barrier_count(unsigned int* arrived, unsigned int* seen) {
    if (threadIdx.x == 0) {
        atomicAdd(arrived, 1u);
        while (*reinterpret_cast<volatile unsigned int*>(arrived) < gridDim.x) {
        }
        seen[blockIdx.x] = *reinterpret_cast<volatile unsigned int*>(arrived);
    }
}

// Busy for about `cycles` SM clock cycles: gives events something of known length to time.
extern "C" __global__ void spin(long long cycles) {
    const long long start = clock64();
    while (clock64() - start < cycles) {
    }
}

// Writes far outside any allocation: an illegal address, a sticky error that breaks the context.
extern "C" __global__ void write_out_of_bounds(int* data, long long offset) {
    data[offset] = 42;
}
