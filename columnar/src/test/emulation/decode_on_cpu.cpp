// Runs the kernels of decode.cu on the CPU (see cuda_on_cpu.h) over test vectors written by KernelEmulationTest:
// each record is a description, an encoded chunk and the CPU decoder's output. The launch arguments mirror
// GpuDecoder.java. Prints the first mismatch and exits 1, or prints "all N cases match".
#include "cuda_on_cpu.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "decode.cu"

namespace {

constexpr unsigned char kPoison = 0xA5;
constexpr size_t kGuardBytes = 256;

struct Reader {
    std::vector<unsigned char> bytes;
    size_t at = 0;

    bool done() const { return at >= bytes.size(); }

    template <typename T>
    T read() {
        T value;
        std::memcpy(&value, bytes.data() + at, sizeof(T));
        at += sizeof(T);
        return value;
    }

    const unsigned char* take(size_t length) {
        const unsigned char* start = bytes.data() + at;
        at += length;
        return start;
    }
};

template <typename T>
T field(const unsigned char* chunk, size_t offset) {
    T value;
    std::memcpy(&value, chunk + offset, sizeof(T));
    return value;
}

// Decodes one chunk exactly as GpuDecoder.decodeInto launches it.
void decode(const unsigned char* chunk, unsigned char* out) {
    const int encoding = chunk[0];
    const int value_bytes = chunk[1];
    const int width = chunk[2];
    const int count = field<int>(chunk, 4);
    const long long reference = field<long long>(chunk, 8);
    const int entries = field<int>(chunk, 16);
    auto section = [&](int index) { return chunk + field<long long>(chunk, 24 + 16 * index); };
    if (count == 0) {
        return;
    }
    const unsigned blocks = (count + 1023) / 1024;
    const unsigned grid = (blocks + 3) / 4;
    const bool wide = value_bytes == 8;
    switch (encoding) {
        case 0:
            std::memcpy(out, section(0), static_cast<size_t>(count) * value_bytes);
            break;
        case 1:
            if (wide) {
                launch_on_cpu(grid, 128, [&] {
                    decode_for_bitpack_u64((const u32*)section(0), (u64)reference, width, (const int*)section(1),
                                           (const u64*)section(2), (const int*)section(3), entries, (u64*)out, count);
                });
            } else {
                launch_on_cpu(grid, 128, [&] {
                    decode_for_bitpack_u32((const u32*)section(0), (u32)reference, width, (const int*)section(1),
                                           (const u32*)section(2), (const int*)section(3), entries, (u32*)out, count);
                });
            }
            break;
        case 2:
            if (wide) {
                launch_on_cpu(grid, 128, [&] {
                    decode_delta_u64((const u64*)section(0), (const u32*)section(1), (u64)reference, width, (u64*)out,
                                     count);
                });
            } else {
                launch_on_cpu(grid, 128, [&] {
                    decode_delta_u32((const u32*)section(0), (const u32*)section(1), (u32)reference, width, (u32*)out,
                                     count);
                });
            }
            break;
        case 3:
            if (wide) {
                launch_on_cpu(grid, 128, [&] {
                    decode_dictionary_u64((const u64*)section(0), (const u32*)section(1), width, (u64*)out, count);
                });
            } else {
                launch_on_cpu(grid, 128, [&] {
                    decode_dictionary_u32((const u32*)section(0), (const u32*)section(1), width, (u32*)out, count);
                });
            }
            break;
        case 4: {
            const unsigned run_grid = (count + 255) / 256;
            if (wide) {
                launch_on_cpu(run_grid, 256, [&] {
                    decode_run_length_u64((const u64*)section(0), (const int*)section(1), entries, (u64*)out, count);
                });
            } else {
                launch_on_cpu(run_grid, 256, [&] {
                    decode_run_length_u32((const u32*)section(0), (const int*)section(1), entries, (u32*)out, count);
                });
            }
            break;
        }
        default:
            std::fprintf(stderr, "unknown encoding %d\n", encoding);
            std::exit(2);
    }
}

// The same chunk through the structs' compact run-time-width paths (decode_block, decode_block_to_tile), which the
// standalone kernels do not use but fused query kernels may. Returns false for encodings without such a path.
template <typename T>
bool decode_compact(const unsigned char* chunk, T* out) {
    const int encoding = chunk[0];
    const int width = chunk[2];
    const int count = field<int>(chunk, 4);
    const T reference = static_cast<T>(field<long long>(chunk, 8));
    const int entries = field<int>(chunk, 16);
    auto section = [&](int index) { return chunk + field<long long>(chunk, 24 + 16 * index); };
    const unsigned blocks = (count + 1023) / 1024;
    if (count == 0 || encoding < 1 || encoding > 3) {
        return false;
    }
    launch_on_cpu(blocks, 32, [&] {
        const int block = blockIdx.x;
        const int lane = threadIdx.x;
        T values[forge::kValuesPerLane];
        if (encoding == 1) {
            forge::FrameOfReferenceChunk<T>{(const u32*)section(0), reference, width, (const int*)section(1),
                                            (const T*)section(2), (const int*)section(3), entries}
                .decode_block(block, lane, values);
        } else if (encoding == 3) {
            forge::DictionaryChunk<T>{(const T*)section(0), (const u32*)section(1), width}.decode_block(block, lane, values);
        } else {
            static T tile[forge::kTileValues];
            forge::DeltaChunk<T>{(const T*)section(0), (const u32*)section(1), reference, width}
                .decode_block_to_tile(block, lane, tile);
            __syncwarp();
            for (int p = 0; p < forge::kValuesPerLane; ++p) {
                values[p] = tile[p * forge::kTileStride + lane];
            }
            __syncwarp();  // the tile is reused by the next block
        }
        for (int p = 0; p < forge::kValuesPerLane; ++p) {
            const int index = block * forge::kBlockValues + p * forge::kLanes + lane;
            if (index < count) {
                out[index] = values[p];
            }
        }
    });
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: decode_on_cpu VECTORS\n");
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    Reader reader{std::vector<unsigned char>(std::istreambuf_iterator<char>(file), {})};
    int cases = 0;
    while (!reader.done()) {
        const int description_length = reader.read<int>();
        const std::string description(reinterpret_cast<const char*>(reader.take(description_length)), description_length);
        const size_t chunk_length = reader.read<long long>();
        // Exactly the chunk, 64-byte aligned as device memory and mapped files give it to the kernels, so that
        // AddressSanitizer (the test builds with it) reports any read past the chunk's end.
        std::unique_ptr<unsigned char, decltype(&std::free)> storage(
            static_cast<unsigned char*>(std::aligned_alloc(64, chunk_length)), &std::free);
        unsigned char* chunk = storage.get();
        std::memcpy(chunk, reader.take(chunk_length), chunk_length);
        const size_t expected_length = reader.read<long long>();
        const unsigned char* expected = reader.take(expected_length);
        std::vector<unsigned char> out(expected_length + kGuardBytes, kPoison);
        decode(chunk, out.data());
        for (size_t i = 0; i < out.size(); ++i) {
            const unsigned char want = i < expected_length ? expected[i] : kPoison;
            if (out[i] != want) {
                std::printf("MISMATCH in case %d (%s, encoding %d, %d-byte values, width %d, %d values): byte %zu is"
                            " %02x, expected %02x\n",
                            cases, description.c_str(), chunk[0], chunk[1], chunk[2], field<int>(chunk, 4), i, out[i],
                            want);
                return 1;
            }
        }
        std::vector<unsigned char> compact(expected_length + kGuardBytes, kPoison);
        const bool has_compact = chunk[1] == 8 ? decode_compact(chunk, reinterpret_cast<u64*>(compact.data()))
                                               : decode_compact(chunk, reinterpret_cast<u32*>(compact.data()));
        if (has_compact && std::memcmp(compact.data(), out.data(), out.size()) != 0) {
            std::printf("MISMATCH in case %d (%s): the compact run-time-width path differs from the kernel\n", cases,
                        description.c_str());
            return 1;
        }
        ++cases;
    }
    std::printf("all %d cases match\n", cases);
    return 0;
}
