// Runs radix_sort.cu on the CPU (see cuda_blocks_on_cpu.h) over the cases RadixSortEmulationTest writes: each
// case is the GpuRadixSortPlan that GpuRadixSort would run (memory, zeroing, kernel launches with their arguments),
// the input data, and the CPU twin's results. Every memory is poisoned before the case and followed by poisoned
// guard bytes, so unwritten output elements and writes past the end fail.
//
//   radix_sort_on_cpu policy        prints the tuning policy words, as kernel radix_sort_read_policy writes them
//   radix_sort_on_cpu cases FILE    runs the cases; prints "all N cases match", or the first mismatch and exits 1
#include "cuda_blocks_on_cpu.h"

#include "plan_cases_on_cpu.h"

#include "radix_sort.cu"

namespace {

using plan_cases::bind;

const std::map<std::string, plan_cases::Kernel>& kernels() {
    static const std::map<std::string, plan_cases::Kernel> table = {
        {"radix_sort_histogram_keys32", bind(radix_sort_histogram_keys32)},
        {"radix_sort_histogram_keys64", bind(radix_sort_histogram_keys64)},
        {"radix_sort_onesweep_keys32", bind(radix_sort_onesweep_keys32)},
        {"radix_sort_onesweep_keys32_values32", bind(radix_sort_onesweep_keys32_values32)},
        {"radix_sort_onesweep_keys32_values64", bind(radix_sort_onesweep_keys32_values64)},
        {"radix_sort_onesweep_keys64", bind(radix_sort_onesweep_keys64)},
        {"radix_sort_onesweep_keys64_values32", bind(radix_sort_onesweep_keys64_values32)},
        {"radix_sort_onesweep_keys64_values64", bind(radix_sort_onesweep_keys64_values64)},
    };
    return table;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "policy") {
        unsigned words[16] = {};
        launch_on_cpu(1, 32, [&] { radix_sort_read_policy(words); }, 1);
        for (int i = 0; i < 7; ++i) {
            std::cout << words[i] << (i < 6 ? " " : "\n");
        }
        return 0;
    }
    if (argc == 3 && std::string(argv[1]) == "cases") {
        return plan_cases::run_cases(argv[2], kernels());
    }
    std::cerr << "usage: radix_sort_on_cpu policy | radix_sort_on_cpu cases FILE" << std::endl;
    return 2;
}
