// Runs run_length.cu, segmented_reduce.cu and top_k.cu on the CPU (see cuda_blocks_on_cpu.h and segments_on_cpu.h)
// over the cases SegmentKernelsEmulationTest writes (plan_cases_on_cpu.h): each case is the KernelPlan that
// GpuRunLength, GpuSegmentedReduce or GpuTopK would queue, the input data, and the expected contents of every output,
// which the test took from the CPU twins and the poison the outputs start with. Built with
// -DFORGE_SEGMENTS_SMALL_TILES, so tiles are a few hundred elements.
//
//   segments_on_cpu policy        prints "policy:" and the tile geometry, as segmented_reduce_read_policy writes it
//   segments_on_cpu cases FILE    runs the cases; prints "all N cases match", or the first mismatch and exits 1
#include "segments_on_cpu.h"
#include "plan_cases_on_cpu.h"

#include "run_length.cu"
#include "segmented_reduce.cu"
#include "top_k.cu"

inline TileWord load_tile_word(const TileWord* word) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    TileWord seen = *word;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return seen;
}

inline void store_tile_word(TileWord* word, TileWord value) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    *word = value;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

namespace {

using plan_cases::bind;

#define KERNEL(NAME) {#NAME, bind(NAME)}
#define SEGMENTED(OPERATION, TYPE_NAME)                                         \
    KERNEL(segmented_reduce_##OPERATION##_##TYPE_NAME),                          \
        KERNEL(reduce_by_key_##OPERATION##_##TYPE_NAME##_keys32),               \
        KERNEL(reduce_by_key_##OPERATION##_##TYPE_NAME##_keys64)
#define SEGMENTED_TYPE(TYPE_NAME) SEGMENTED(sum, TYPE_NAME), SEGMENTED(min, TYPE_NAME), SEGMENTED(max, TYPE_NAME)

const std::map<std::string, plan_cases::Kernel>& kernels() {
    static const std::map<std::string, plan_cases::Kernel> table = {
        KERNEL(unique_keys32),
        KERNEL(unique_keys64),
        KERNEL(run_length_encode_keys32),
        KERNEL(run_length_encode_keys64),
        KERNEL(segmented_reduce_tile_windows),
        SEGMENTED_TYPE(int32),
        SEGMENTED_TYPE(int64),
        SEGMENTED_TYPE(float32),
        SEGMENTED_TYPE(float64),
        KERNEL(top_k_histogram_keys32),
        KERNEL(top_k_histogram_keys64),
        KERNEL(top_k_filter_keys32),
        KERNEL(top_k_filter_keys64),
        KERNEL(top_k_rank),
        KERNEL(top_k_write_keys32),
        KERNEL(top_k_write_keys64),
    };
    return table;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "policy") {
        int words[segment_policy::POLICY_WORDS] = {};
        launch_on_cpu(1, 32, [&] { segmented_reduce_read_policy(words); }, 1);
        std::cout << "policy:";
        for (int word : words) {
            std::cout << ' ' << word;
        }
        std::cout << std::endl;
        return 0;
    }
    if (argc == 3 && std::string(argv[1]) == "cases") {
        return plan_cases::run_cases(argv[2], kernels());
    }
    std::cout << "usage: segments_on_cpu policy | segments_on_cpu cases FILE" << std::endl;
    return 2;
}
