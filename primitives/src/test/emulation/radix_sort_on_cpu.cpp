// Runs radix_sort.cu on the CPU (see cuda_blocks_on_cpu.h) over the cases RadixSortEmulationTest writes: each
// case is the GpuRadixSortPlan that GpuRadixSort would run (memory, zeroing, kernel launches with their arguments),
// the input data, and the CPU twin's results. Every memory is poisoned before the case and followed by poisoned
// guard bytes, so unwritten output elements and writes past the end fail.
//
//   radix_sort_on_cpu policy        prints the tuning policy words, as kernel radix_sort_read_policy writes them
//   radix_sort_on_cpu cases FILE    runs the cases; prints "all N cases match", or the first mismatch and exits 1
#include "cuda_blocks_on_cpu.h"

#include <array>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "radix_sort.cu"

namespace {

constexpr unsigned char kPoison = 0xA5;
constexpr size_t kGuardBytes = 256;

using Arguments = std::vector<unsigned long long>;
using Runner = std::function<void(unsigned grid, unsigned block, const Arguments&)>;

template <typename T>
T as(unsigned long long word) {
    if constexpr (std::is_pointer_v<T>) {
        return reinterpret_cast<T>(static_cast<uintptr_t>(word));
    } else {
        return static_cast<T>(word);
    }
}

template <typename K>
Runner histogram(void (*kernel)(const K*, unsigned long long, int, int, int, int, int, unsigned*, unsigned*,
                                unsigned*)) {
    return [kernel](unsigned grid, unsigned block, const Arguments& a) {
        launch_on_cpu(grid, block, [&] {
            kernel(as<const K*>(a[0]), a[1], as<int>(a[2]), as<int>(a[3]), as<int>(a[4]), as<int>(a[5]),
                   as<int>(a[6]), as<unsigned*>(a[7]), as<unsigned*>(a[8]), as<unsigned*>(a[9]));
        });
    };
}

template <typename K, typename V>
Runner onesweep(void (*kernel)(const K*, K*, const V*, V*, unsigned long long, int, int, int, int, int, int,
                               const unsigned*, const unsigned*, unsigned*, unsigned long long*)) {
    return [kernel](unsigned grid, unsigned block, const Arguments& a) {
        launch_on_cpu(grid, block, [&] {
            kernel(as<const K*>(a[0]), as<K*>(a[1]), as<const V*>(a[2]), as<V*>(a[3]), a[4], as<int>(a[5]),
                   as<int>(a[6]), as<int>(a[7]), as<int>(a[8]), as<int>(a[9]), as<int>(a[10]),
                   as<const unsigned*>(a[11]), as<const unsigned*>(a[12]), as<unsigned*>(a[13]),
                   as<unsigned long long*>(a[14]));
        });
    };
}

const std::map<std::string, std::pair<size_t, Runner>>& kernels() {
    static const std::map<std::string, std::pair<size_t, Runner>> table = {
        {"radix_sort_histogram_keys32", {10, histogram(radix_sort_histogram_keys32)}},
        {"radix_sort_histogram_keys64", {10, histogram(radix_sort_histogram_keys64)}},
        {"radix_sort_onesweep_keys32", {15, onesweep(radix_sort_onesweep_keys32)}},
        {"radix_sort_onesweep_keys32_values32", {15, onesweep(radix_sort_onesweep_keys32_values32)}},
        {"radix_sort_onesweep_keys32_values64", {15, onesweep(radix_sort_onesweep_keys32_values64)}},
        {"radix_sort_onesweep_keys64", {15, onesweep(radix_sort_onesweep_keys64)}},
        {"radix_sort_onesweep_keys64_values32", {15, onesweep(radix_sort_onesweep_keys64_values32)}},
        {"radix_sort_onesweep_keys64_values64", {15, onesweep(radix_sort_onesweep_keys64_values64)}},
    };
    return table;
}

struct Memory {
    std::vector<unsigned char> bytes;  // the memory, then the guard
    size_t size = 0;
};

int fail(const std::string& caseName, const std::string& message) {
    std::cout << "case " << caseName << ": " << message << std::endl;
    return 1;
}

std::vector<unsigned> read_words(std::istream& in) {
    size_t count;
    in >> count;
    std::vector<unsigned> words(count);
    for (unsigned& word : words) {
        in >> std::hex >> word >> std::dec;
    }
    return words;
}

int run_cases(const char* path) {
    std::ifstream in(path);
    std::string token;
    int cases = 0;
    while (in >> token) {
        if (token != "case") {
            std::cout << "expected 'case', read '" << token << "'" << std::endl;
            return 2;
        }
        std::string name;
        in >> name;
        std::map<std::string, std::shared_ptr<Memory>> memories;
        while (in >> token && token != "end") {
            if (token == "memory") {
                std::string role;
                size_t bytes;
                in >> role >> bytes;
                auto memory = std::make_shared<Memory>();
                memory->size = bytes;
                memory->bytes.assign(bytes + kGuardBytes, kPoison);
                memories[role] = memory;
            } else if (token == "alias") {
                std::string role, same;
                in >> role >> same;
                memories[role] = memories.at(same);
            } else if (token == "data") {
                std::string role;
                in >> role;
                std::vector<unsigned> words = read_words(in);
                if (!words.empty()) {
                    std::memcpy(memories.at(role)->bytes.data(), words.data(), words.size() * 4);
                }
            } else if (token == "zero") {
                size_t offset, bytes;
                in >> offset >> bytes;
                std::memset(memories.at("SCRATCH")->bytes.data() + offset, 0, bytes);
            } else if (token == "launch") {
                std::string kernel;
                unsigned grid, block;
                size_t count;
                in >> kernel >> grid >> block >> count;
                Arguments arguments;
                for (size_t i = 0; i < count; ++i) {
                    std::string kind;
                    in >> kind;
                    if (kind == "p") {
                        std::string role;
                        size_t offset;
                        in >> role >> offset;
                        arguments.push_back(reinterpret_cast<uintptr_t>(memories.at(role)->bytes.data() + offset));
                    } else if (kind == "n") {
                        arguments.push_back(0);
                    } else {
                        long long value;
                        in >> value;
                        arguments.push_back(static_cast<unsigned long long>(value));
                    }
                }
                auto found = kernels().find(kernel);
                if (found == kernels().end()) {
                    return fail(name, "no kernel " + kernel + " in radix_sort.cu");
                }
                if (found->second.first != arguments.size()) {
                    return fail(name, kernel + " takes " + std::to_string(found->second.first) + " arguments, the plan gives "
                                          + std::to_string(arguments.size()));
                }
                found->second.second(grid, block, arguments);
            } else if (token == "expect") {
                std::string role;
                in >> role;
                std::vector<unsigned> words = read_words(in);
                const Memory& memory = *memories.at(role);
                for (size_t i = 0; i < words.size(); ++i) {
                    unsigned actual;
                    std::memcpy(&actual, memory.bytes.data() + 4 * i, 4);
                    if (actual != words[i]) {
                        char text[160];
                        std::snprintf(text, sizeof text, "%s word %zu: expected %08x, got %08x", role.c_str(), i,
                                      words[i], actual);
                        return fail(name, text);
                    }
                }
            } else {
                return fail(name, "unknown step '" + token + "'");
            }
        }
        for (const auto& [role, memory] : memories) {
            for (size_t i = memory->size; i < memory->size + kGuardBytes; ++i) {
                if (memory->bytes[i] != kPoison) {
                    return fail(name, role + ": byte " + std::to_string(i - memory->size) + " past the end was written");
                }
            }
        }
        ++cases;
    }
    std::cout << "all " << cases << " cases match" << std::endl;
    return 0;
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
        return run_cases(argv[2]);
    }
    std::cerr << "usage: radix_sort_on_cpu policy | radix_sort_on_cpu cases FILE" << std::endl;
    return 2;
}
