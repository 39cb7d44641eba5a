// Runs the kernels of decode.cu on the CPU (see cuda_on_cpu.h) over test vectors written by KernelEmulationTest:
// each record is a description, an encoded chunk and the CPU decoder's output. Every chunk is decoded with the
// kernels GpuDecoder.java picks, in two launch shapes (one CTA whose warps loop over all blocks into a 16-byte
// aligned output with the whole dictionary staged; three CTAs writing one value past 16-byte alignment with half the
// dictionary staged), and through the fused structs of fused_decode.cuh. Prints the first mismatch and exits 1, or
// prints "all N cases match".
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

// CTA sizes as GpuDecoder.java launches them (decode.cu's constants; the small-dictionary shape for dictionaries).
constexpr unsigned kFrameOfReferenceThreads = kFrameOfReferenceWarps * 32;
constexpr unsigned kDeltaThreads = kDeltaWarps * 32;
constexpr unsigned kDictionaryThreads = 256;
constexpr unsigned kDictionaryTileBytesPerWarp = forge::kPassItems * sizeof(u32);

// The per-width kernels, indexed by width, in the order of decode.cu's width lists.
#define FORGE_ENTRY_FOR_U32(W) decode_for_u32_w##W,
#define FORGE_ENTRY_FOR_U64(W) decode_for_u64_w##W,
#define FORGE_ENTRY_DELTA_U32(W) decode_delta_u32_w##W,
#define FORGE_ENTRY_DELTA_U64(W) decode_delta_u64_w##W,
#define FORGE_ENTRY_DICTIONARY_U32(W) decode_dictionary_u32_w##W,
#define FORGE_ENTRY_DICTIONARY_U64(W) decode_dictionary_u64_w##W,
template <typename T>
using FrameOfReferenceKernel = void (*)(const u32*, T, const int*, const T*, const int*, int, T*, int);
template <typename T>
using DeltaKernel = void (*)(const T*, const u32*, T, T*, int);
template <typename T>
using DictionaryKernel = void (*)(const T*, int, const u32*, T*, int);
const FrameOfReferenceKernel<u32> kFrameOfReferenceU32[] = {FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_FOR_U32)};
const FrameOfReferenceKernel<u64> kFrameOfReferenceU64[] = {
    FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_FOR_U64) FORGE_WIDTHS_33_TO_64(FORGE_ENTRY_FOR_U64)};
const DeltaKernel<u32> kDeltaU32[] = {FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_DELTA_U32)};
const DeltaKernel<u64> kDeltaU64[] = {
    FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_DELTA_U64) FORGE_WIDTHS_33_TO_64(FORGE_ENTRY_DELTA_U64)};
const DictionaryKernel<u32> kDictionaryU32[] = {FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_DICTIONARY_U32)};
const DictionaryKernel<u64> kDictionaryU64[] = {FORGE_WIDTHS_0_TO_32(FORGE_ENTRY_DICTIONARY_U64)};

template <typename T>
struct KernelsOf;

template <>
struct KernelsOf<u32> {
    static FrameOfReferenceKernel<u32> frame_of_reference(int width) { return kFrameOfReferenceU32[width]; }
    static DeltaKernel<u32> delta(int width) { return kDeltaU32[width]; }
    static void run_length(const u32* values, const int* ends, int runs, u32* out, int count) {
        decode_run_length_u32(values, ends, runs, out, count);
    }
};

template <>
struct KernelsOf<u64> {
    static FrameOfReferenceKernel<u64> frame_of_reference(int width) { return kFrameOfReferenceU64[width]; }
    static DeltaKernel<u64> delta(int width) { return kDeltaU64[width]; }
    static void run_length(const u64* values, const int* ends, int runs, u64* out, int count) {
        decode_run_length_u64(values, ends, runs, out, count);
    }
};

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

// How a chunk is launched: on one CTA or three, how much of a dictionary each CTA stages, and where the chunk and
// the output lie.
struct LaunchShape {
    const char* description;
    unsigned ctas;
    bool half_dictionary_staged;
    size_t chunk_offset_bytes;    // from a 64-byte aligned address (GpuDecoder requires 8-byte alignment)
    size_t output_offset_values;  // likewise
};

constexpr LaunchShape kShapes[] = {
    {"one CTA, aligned chunk and output, whole dictionary staged", 1, false, 0, 0},
    {"three CTAs, chunk 8 bytes and output one value past 16-byte alignment, half the dictionary staged", 3, true, 8,
     1},
};

// Decodes one chunk with the kernels GpuDecoder.decodeInto picks, in the given shape.
template <typename T>
void decode(const unsigned char* chunk, T* out, const LaunchShape& shape) {
    const int encoding = chunk[0];
    const int width = chunk[2];
    const int count = field<int>(chunk, 4);
    const T reference = static_cast<T>(field<long long>(chunk, 8));
    const int entries = field<int>(chunk, 16);
    auto section = [&](int index) { return chunk + field<long long>(chunk, 24 + 16 * index); };
    if (count == 0) {
        return;
    }
    switch (encoding) {
        case 0:
            std::memcpy(out, section(0), static_cast<size_t>(count) * sizeof(T));
            break;
        case 1: {
            const auto kernel = KernelsOf<T>::frame_of_reference(width);
            launch_on_cpu(shape.ctas, kFrameOfReferenceThreads, [&] {
                kernel((const u32*)section(0), reference, (const int*)section(1), (const T*)section(2),
                       (const int*)section(3), entries, out, count);
            });
            break;
        }
        case 2: {
            const auto kernel = KernelsOf<T>::delta(width);
            launch_on_cpu(shape.ctas, kDeltaThreads,
                          [&] { kernel((const T*)section(0), (const u32*)section(1), reference, out, count); });
            break;
        }
        case 3: {
            const int staged = shape.half_dictionary_staged ? entries / 2 : entries;
            const size_t shared = kDictionaryThreads / 32 * kDictionaryTileBytesPerWarp + staged * sizeof(T);
            launch_on_cpu(shape.ctas, kDictionaryThreads, shared, [&] {
                if constexpr (sizeof(T) == 4) {
                    kDictionaryU32[width]((const u32*)section(0), staged, (const u32*)section(1), out, count);
                } else if (width <= 32) {
                    kDictionaryU64[width]((const u64*)section(0), staged, (const u32*)section(1), out, count);
                } else {
                    decode_dictionary_u64_any_width((const u64*)section(0), staged, (const u32*)section(1), width, out,
                                                    count);
                }
            });
            break;
        }
        case 4:
            launch_on_cpu(shape.ctas, kRunLengthThreads, [&] {
                KernelsOf<T>::run_length((const T*)section(0), (const int*)section(1), entries, out, count);
            });
            break;
        default:
            std::fprintf(stderr, "unknown encoding %d\n", encoding);
            std::exit(2);
    }
}

// The same chunk through the fused structs a query kernel uses, one warp per block: the compact run-time-width paths
// (decode_block, decode_block_to_tile) or the per-width ones (decode_block_unrolled, decode_block_to_tile_unrolled).
// Returns false for encodings without such a path.
template <typename T>
bool decode_fused(const unsigned char* chunk, T* out, bool unrolled) {
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
            const forge::FrameOfReferenceChunk<T> frame{(const u32*)section(0), reference, width, (const int*)section(1),
                                                        (const T*)section(2), (const int*)section(3), entries};
            if (unrolled) {
                frame.decode_block_unrolled(block, lane, values);
            } else {
                frame.decode_block(block, lane, values);
            }
        } else if (encoding == 3) {
            const forge::DictionaryChunk<T> dictionary{(const T*)section(0), (const u32*)section(1), width};
            if (unrolled) {
                dictionary.decode_block_unrolled(block, lane, values);
            } else {
                dictionary.decode_block(block, lane, values);
            }
        } else {
            static T tile[forge::kTileValues];
            const forge::DeltaChunk<T> delta{(const T*)section(0), (const u32*)section(1), reference, width};
            if (unrolled) {
                delta.decode_block_to_tile_unrolled(block, lane, tile);
            } else {
                delta.decode_block_to_tile(block, lane, tile);
            }
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

// Poisoned output with a guard on both sides; `out` starts `offset_values` values past a 64-byte boundary.
template <typename T>
struct GuardedOutput {
    std::unique_ptr<unsigned char, decltype(&std::free)> storage;
    size_t length;
    size_t offset;

    GuardedOutput(size_t expected_length, size_t offset_values)
        : storage(static_cast<unsigned char*>(std::aligned_alloc(64, (2 * kGuardBytes + expected_length + 127) / 64 * 64)),
                  &std::free),
          length(2 * kGuardBytes + expected_length),
          offset(kGuardBytes + offset_values * sizeof(T)) {
        std::memset(storage.get(), kPoison, length);
    }

    T* out() { return reinterpret_cast<T*>(storage.get() + offset); }

    // The first byte that differs from the expected output or, outside it, from the poison; -1 when none does.
    long long first_difference(const unsigned char* expected, size_t expected_length) const {
        for (size_t i = 0; i < length; ++i) {
            const bool inside = i >= offset && i < offset + expected_length;
            const unsigned char want = inside ? expected[i - offset] : kPoison;
            if (storage.get()[i] != want) {
                return static_cast<long long>(i) - static_cast<long long>(offset);
            }
        }
        return -1;
    }
};

// The chunk's bytes `offset` bytes past a 64-byte boundary, in memory that ends where the chunk does, so that
// AddressSanitizer (the test builds with it) reports any read past the chunk's end.
struct PlacedChunk {
    std::unique_ptr<unsigned char, decltype(&std::free)> storage;
    unsigned char* chunk;

    PlacedChunk(const unsigned char* bytes, size_t length, size_t offset)
        : storage(allocate(offset + length), &std::free), chunk(storage.get() + offset) {
        std::memcpy(chunk, bytes, length);
    }

    static unsigned char* allocate(size_t bytes) {
        void* memory = nullptr;
        if (posix_memalign(&memory, 64, bytes) != 0) {  // unlike aligned_alloc, any size
            std::fprintf(stderr, "out of memory\n");
            std::exit(2);
        }
        return static_cast<unsigned char*>(memory);
    }
};

template <typename T>
bool check_case(int index, const std::string& description, const unsigned char* bytes, size_t chunk_length,
                const unsigned char* expected, size_t expected_length) {
    const unsigned char* chunk = bytes;
    for (const LaunchShape& shape : kShapes) {
        const PlacedChunk placed(bytes, chunk_length, shape.chunk_offset_bytes);
        GuardedOutput<T> output(expected_length, shape.output_offset_values);
        decode(placed.chunk, output.out(), shape);
        const long long difference = output.first_difference(expected, expected_length);
        if (difference != -1) {
            std::printf("MISMATCH in case %d (%s, encoding %d, %d-byte values, width %d, %d values; %s): byte %lld from"
                        " the output's start differs\n",
                        index, description.c_str(), chunk[0], chunk[1], chunk[2], field<int>(chunk, 4), shape.description,
                        difference);
            return false;
        }
    }
    const PlacedChunk placed(bytes, chunk_length, 0);
    for (const bool unrolled : {false, true}) {
        GuardedOutput<T> output(expected_length, 0);
        if (decode_fused(placed.chunk, output.out(), unrolled) && output.first_difference(expected, expected_length) != -1) {
            std::printf("MISMATCH in case %d (%s): the fused %s path differs from the CPU decoder\n", index,
                        description.c_str(), unrolled ? "per-width" : "run-time-width");
            return false;
        }
    }
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
        const unsigned char* chunk = reader.take(chunk_length);
        const size_t expected_length = reader.read<long long>();
        const unsigned char* expected = reader.take(expected_length);
        const bool match = chunk[1] == 8
                               ? check_case<u64>(cases, description, chunk, chunk_length, expected, expected_length)
                               : check_case<u32>(cases, description, chunk, chunk_length, expected, expected_length);
        if (!match) {
            return 1;
        }
        ++cases;
    }
    std::printf("all %d cases match\n", cases);
    return 0;
}
