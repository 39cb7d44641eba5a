// Runs the launch plans the Java emulation tests write (GpuRadixSortEmulationTest, SegmentKernelsEmulationTest):
// each case names its memories, fills some, launches kernels from a table with the plan's arguments, and lists the
// words it expects. Every memory starts poisoned and is followed by poisoned guard bytes, so unwritten outputs and
// writes past the end fail. The case file, one step per line:
//   case NAME
//   memory ROLE BYTES            poisoned memory
//   alias ROLE OTHER             ROLE is the same memory as OTHER
//   data ROLE COUNT WORDS...     32-bit words (hex) from the memory's start
//   zero OFFSET BYTES            zeroes part of memory SCRATCH
//   fill ROLE OFFSET BYTES VALUE sets part of a memory to a byte value
//   launch KERNEL GRID BLOCK COUNT ARGUMENTS...   p ROLE OFFSET (pointer), n (null), i VALUE or l VALUE
//   expect ROLE COUNT WORDS...   the memory's first words
//   end
#pragma once

#include "cuda_blocks_on_cpu.h"

#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace plan_cases {

constexpr unsigned char kPoison = 0xA5;
constexpr size_t kGuardBytes = 256;

using Arguments = std::vector<unsigned long long>;

// A kernel the cases may launch: how many arguments it takes, and how to launch it with them.
struct Kernel {
    size_t arity;
    std::function<void(unsigned grid, unsigned block, const Arguments&)> run;
};

template <typename T>
T as(unsigned long long word) {
    if constexpr (std::is_pointer_v<T>) {
        return reinterpret_cast<T>(static_cast<uintptr_t>(word));
    } else {
        return static_cast<T>(word);
    }
}

template <typename... P, size_t... I>
void call(void (*kernel)(P...), const Arguments& a, std::index_sequence<I...>) {
    kernel(as<P>(a[I])...);
}

// A table entry for any kernel: its parameter types say how to read the argument words.
template <typename... P>
Kernel bind(void (*kernel)(P...)) {
    return {sizeof...(P), [kernel](unsigned grid, unsigned block, const Arguments& a) {
                launch_on_cpu(grid, block, [&] { call(kernel, a, std::index_sequence_for<P...>{}); });
            }};
}

struct Memory {
    std::vector<unsigned char> bytes;  // the memory, then the guard
    size_t size = 0;
};

inline int fail(const std::string& caseName, const std::string& message) {
    std::cout << "case " << caseName << ": " << message << std::endl;
    return 1;
}

inline std::vector<unsigned> read_words(std::istream& in) {
    size_t count;
    in >> count;
    std::vector<unsigned> words(count);
    for (unsigned& word : words) {
        in >> std::hex >> word >> std::dec;
    }
    return words;
}

// Runs every case of the file; prints "all N cases match" and returns 0, or prints the first mismatch and returns 1.
inline int run_cases(const char* path, const std::map<std::string, Kernel>& kernels) {
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
            } else if (token == "zero" || token == "fill") {
                std::string role = "SCRATCH";
                size_t offset, bytes;
                int value = 0;
                if (token == "fill") {
                    in >> role;
                }
                in >> offset >> bytes;
                if (token == "fill") {
                    in >> value;
                }
                Memory& memory = *memories.at(role);
                if (offset + bytes > memory.size) {
                    return fail(name, token + " past the end of " + role);
                }
                std::memset(memory.bytes.data() + offset, value, bytes);
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
                auto found = kernels.find(kernel);
                if (found == kernels.end()) {
                    return fail(name, "no kernel " + kernel);
                }
                if (found->second.arity != arguments.size()) {
                    return fail(name, kernel + " takes " + std::to_string(found->second.arity) +
                                          " arguments, the plan gives " + std::to_string(arguments.size()));
                }
                found->second.run(grid, block, arguments);
            } else if (token == "expect") {
                std::string role;
                in >> role;
                std::vector<unsigned> words = read_words(in);
                const Memory& memory = *memories.at(role);
                for (size_t i = 0; i < words.size(); ++i) {
                    unsigned actual;
                    std::memcpy(&actual, memory.bytes.data() + 4 * i, 4);
                    if (actual != words[i]) {
                        char text[200];
                        std::snprintf(text, sizeof text, "%s word %zu (byte %zu): expected %08x, got %08x",
                                      role.c_str(), i, 4 * i, words[i], actual);
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

}  // namespace plan_cases
