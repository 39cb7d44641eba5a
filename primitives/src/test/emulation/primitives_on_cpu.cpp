// Runs the kernels of select.cu, gather.cu and histogram.cu on the CPU (see primitives_on_cpu.h) over seeded random
// cases at sizes around their tiles, against plain references written here, with outputs poisoned and checked past
// their end. The launch arguments mirror GpuSelect, GpuGather and GpuHistogram. Prints the first mismatches and
// exits 1, or prints "all N cases match".
#include "primitives_on_cpu.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace select_kernels {
#include "select.cu"
}
namespace gather_kernels {
#include "gather.cu"
}
namespace histogram_kernels {
#include "histogram.cu"
}

namespace {

constexpr unsigned char kPoison = 0xA5;
int cases = 0;
int failures = 0;

void expect(bool condition, const char* what) {
    ++cases;
    if (!condition && failures++ < 20) {
        std::printf("MISMATCH: %s\n", what);
    }
}

template <typename T>
bool poisoned(const std::vector<T>& output, size_t from) {
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(output.data());
    for (size_t b = from * sizeof(T); b < output.size() * sizeof(T); ++b) {
        if (bytes[b] != kPoison) {
            return false;
        }
    }
    return true;
}

template <typename T>
using CompactKernel = void (*)(const T*, const unsigned char*, T*, long long, unsigned long long*, unsigned int*,
                               unsigned long long*);

template <typename T>
void compaction(const char* type, CompactKernel<T> selectByte, CompactKernel<T> selectBit,
                CompactKernel<T> partitionByte, CompactKernel<T> partitionBit, std::mt19937_64& random) {
    using namespace select_kernels;
    const long long tile = SelectShape<T>::TILE;
    for (long long n : {0LL, 1LL, 7LL, tile - 1, tile, tile + 1, 5 * tile + 3}) {
        for (int percent : {0, 1, 50, 99, 100}) {
            for (int maskOffset : {0, 3}) {  // 3: the byte mask starts unaligned, so no vector loads
                std::vector<T> values(n);
                for (T& value : values) {
                    value = static_cast<T>(static_cast<long long>(random() % 100000) - 50000);
                }
                std::vector<unsigned char> bytes(n + maskOffset, 0), bits((n + 7) / 8, 0);
                std::vector<T> kept, rejected;
                for (long long i = 0; i < n; ++i) {
                    const bool keep = static_cast<int>(random() % 100) < percent;
                    bytes[maskOffset + i] = keep ? static_cast<unsigned char>(1 + random() % 255) : 0;
                    bits[i / 8] |= keep ? 1 << (i % 8) : 0;
                    (keep ? kept : rejected).push_back(values[i]);
                }
                if (n % 8 != 0) {
                    bits[n / 8] |= static_cast<unsigned char>(0xff << (n % 8));  // padding bits must be ignored
                }
                std::vector<T> partitioned = kept;
                partitioned.insert(partitioned.end(), rejected.begin(), rejected.end());
                const long long tiles = (n + tile - 1) / tile;
                for (int variant = 0; variant < 4; ++variant) {
                    const bool partition = variant >= 2;
                    const bool bitMask = variant % 2 == 1;
                    const unsigned char* mask = bitMask ? bits.data() : bytes.data() + maskOffset;
                    std::vector<T> output(n + 8);
                    std::memset(output.data(), kPoison, output.size() * sizeof(T));
                    unsigned long long count = 0;
                    unsigned int nextTile = 0;
                    std::vector<unsigned long long> tileWords(tiles, 0);  // exactly GpuSelect's 8 bytes per tile
                    if (partition) {
                        launch_on_cpu(2, THREADS, [&] {
                            if (bitMask) {
                                count_selected_by_bit_mask(mask, n, &count);
                            } else {
                                count_selected_by_byte_mask(mask, n, &count);
                            }
                        });
                    }
                    CompactKernel<T> kernel = partition ? (bitMask ? partitionBit : partitionByte)
                                                        : (bitMask ? selectBit : selectByte);
                    if (n > 0) {
                        launch_on_cpu(static_cast<unsigned>(tiles), THREADS, [&] {
                            kernel(values.data(), mask, output.data(), n, &count, &nextTile, tileWords.data());
                        });
                    }
                    const std::vector<T>& expected = partition ? partitioned : kept;
                    char what[160];
                    std::snprintf(what, sizeof what, "%s %s by %s mask, %lld values, %d%% kept, mask offset %d",
                                  partition ? "partition" : "select", type, bitMask ? "bit" : "byte", n, percent,
                                  maskOffset);
                    expect(count == kept.size() && std::equal(expected.begin(), expected.end(), output.begin()) &&
                               poisoned(output, expected.size()),
                           what);
                }
            }
        }
    }
}

void gatherAndScatter() {
    using namespace gather_kernels;
    const long long n = 5000;
    std::vector<unsigned long long> values(n);
    std::vector<long long> indices(n);
    for (long long i = 0; i < n; ++i) {
        values[i] = 1000 + i;
        indices[i] = n - 1 - i;
    }
    indices[4321] = n;
    indices[1234] = -1;
    indices[4999] = LLONG_MIN;
    for (bool scatterRun : {false, true}) {
        std::vector<unsigned long long> output(n + 8);
        std::memset(output.data(), kPoison, output.size() * 8);
        unsigned long long firstOutOfBounds = ~0ULL;
        launch_on_cpu((n + 1023) / 1024, THREADS, [&] {
            if (scatterRun) {
                scatter_int64_by_int64(values.data(), indices.data(), n, output.data(), n, &firstOutOfBounds);
            } else {
                gather_int64_by_int64(values.data(), n, indices.data(), n, output.data(), &firstOutOfBounds);
            }
        });
        bool matches = firstOutOfBounds == 1234;
        for (long long i = 0; i < n + 8; ++i) {
            const bool untouched = i >= n || (scatterRun && (i == n - 1 - 1234 || i == n - 1 - 4321 || i == 0));
            const bool zeroed = !scatterRun && (i == 1234 || i == 4321 || i == 4999);
            const unsigned long long expected = untouched ? 0xA5A5A5A5A5A5A5A5ULL : zeroed ? 0 : values[n - 1 - i];
            matches &= output[i] == expected;
        }
        expect(matches, scatterRun ? "scatter with out-of-range indices" : "gather with out-of-range indices");
    }
}

// Histograms per block in shared memory, as GpuHistogram.sharedCopies picks them.
int shared_copies(int bins) { return std::clamp(4096 / bins, 1, 8); }

void histograms(std::mt19937_64& random) {
    using namespace histogram_kernels;
    for (long long n : {0LL, 1LL, 255LL, 257LL, 5000LL}) {
        for (int bins : {2, 7, 1000, 65536}) {
            for (int shape = 0; shape < 3; ++shape) {  // uniform, all equal, few distinct
                for (bool shared : {false, true}) {
                    const int copies = shared ? shared_copies(bins) : 1;
                    char what[160];
                    std::vector<long long> integers(n);
                    for (long long& value : integers) {
                        value = shape == 0 ? static_cast<long long>(random())
                                : shape == 1 ? -42
                                             : static_cast<long long>(random() % 2000) - 1000;
                    }
                    const long long integerBounds[][2] = {{-500, 800}, {LLONG_MIN, LLONG_MAX}, {-42, -41},
                                                          {LLONG_MIN / 3, 7}};
                    for (const auto& bound : integerBounds) {
                        long long lower = bound[0], upper = bound[1];
                        const unsigned __int128 range =
                            static_cast<unsigned long long>(upper) - static_cast<unsigned long long>(lower);
                        std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                        for (long long x : integers) {
                            if (x < lower || x >= upper) {
                                ++expected[bins];
                            } else {
                                const unsigned __int128 offset =
                                    static_cast<unsigned long long>(x) - static_cast<unsigned long long>(lower);
                                ++expected[static_cast<size_t>(offset * bins / range)];
                            }
                        }
                        const double scale = bins / static_cast<double>(range);
                        launch_on_cpu(3, THREADS, [&] {
                            (shared ? histogram_even_int64_shared : histogram_even_int64_global)(
                                copies, integers.data(), n, lower, upper, bins, scale, counts.data());
                        });
                        std::snprintf(what, sizeof what, "even int64 bins [%lld, %lld), %d bins, %lld values, shape %d%s",
                                      lower, upper, bins, n, shape, shared ? ", shared" : "");
                        expect(counts == expected, what);
                    }

                    std::vector<double> floats(n);
                    for (double& value : floats) {
                        const int pick = static_cast<int>(random() % 50);
                        value = shape == 1 ? -4.25
                                : pick == 0 ? NAN
                                : pick == 1 ? -0.0
                                : pick == 2 ? INFINITY
                                : pick == 3 ? -INFINITY
                                            : (static_cast<double>(random() % 1000000) / 1e6 - 0.5) * 600;
                    }
                    const double floatBounds[][2] = {{-100.0, 250.0}, {-0.0, 1e6}, {-4.25, 1.0 / 3.0},
                                                     {-1.7976931348623157e308, 1.7976931348623157e308}};
                    for (const auto& bound : floatBounds) {
                        double lower = bound[0], upper = bound[1];
                        const double scale = bins / (upper - lower);
                        std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                        for (double x : floats) {
                            if (!(x >= lower && x < upper)) {
                                ++expected[bins];
                                continue;
                            }
                            // CpuHistogram: Math.min(binCount - 1, (int) ((x - lower) * scale))
                            const double position = __dmul_rn(__dsub_rn(x, lower), scale);
                            const long long bin = std::isnan(position) ? 0
                                                  : position >= 2147483647.0 ? 2147483647
                                                                             : static_cast<long long>(position);
                            ++expected[std::min<long long>(bins - 1, bin)];
                        }
                        launch_on_cpu(2, THREADS, [&] {
                            (shared ? histogram_even_float64_shared : histogram_even_float64_global)(
                                copies, floats.data(), n, lower, upper, bins, scale, counts.data());
                        });
                        std::snprintf(what, sizeof what, "even float64 bins [%g, %g), %d bins, %lld values, shape %d%s",
                                      lower, upper, bins, n, shape, shared ? ", shared" : "");
                        expect(counts == expected, what);
                    }

                    std::vector<double> edges(bins + 1);
                    for (double& edge : edges) {
                        edge = (static_cast<double>(random() % 1000000) / 1e6 - 0.5) * 700;
                    }
                    edges[0] = -INFINITY;
                    edges[bins / 2] = -0.0;
                    std::sort(edges.begin(), edges.end());
                    for (int k = 1; k <= bins; ++k) {
                        if (!(edges[k] > edges[k - 1])) {
                            edges[k] = std::nextafter(edges[k - 1], INFINITY);
                        }
                    }
                    std::vector<float> singles(floats.begin(), floats.end());
                    std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                    for (float single : singles) {
                        const double x = single;
                        if (!(x >= edges[0] && x < edges[bins])) {
                            ++expected[bins];
                        } else {
                            ++expected[std::upper_bound(edges.begin(), edges.end(), x) - edges.begin() - 1];
                        }
                    }
                    launch_on_cpu(2, THREADS, [&] {
                        (shared ? histogram_custom_float32_shared : histogram_custom_float32_global)(
                            copies, singles.data(), n, edges.data(), bins, counts.data());
                    });
                    std::snprintf(what, sizeof what, "custom float32 edges, %d bins, %lld values, shape %d%s", bins, n,
                                  shape, shared ? ", shared" : "");
                    expect(counts == expected, what);
                }
            }
        }
    }
}

// The shapes that failed on the H100 (n = 2^24 there; the program's argument, since every block costs about 2 ms
// here), launched as GpuSelect and GpuGather launch them: buffers exactly as large as the launchers require (so
// AddressSanitizer sees any access past them), the count word and the flag reset as the launchers reset them, the
// tile words 8 bytes per tile.
void partitionInt64HalfKept(long long n) {
    using namespace select_kernels;
    std::mt19937_64 random(24);
    std::vector<long long> values(n);
    std::vector<unsigned char> mask(n);
    std::vector<long long> expected;
    expected.reserve(n);
    for (long long i = 0; i < n; ++i) {
        values[i] = static_cast<long long>(random());
        mask[i] = random() % 2 == 0 ? 0 : static_cast<unsigned char>(1 + random() % 255);
        if (mask[i] != 0) {
            expected.push_back(values[i]);
        }
    }
    const unsigned long long kept = expected.size();
    for (long long i = 0; i < n; ++i) {
        if (mask[i] == 0) {
            expected.push_back(values[i]);
        }
    }
    std::vector<long long> output(n);
    std::memset(output.data(), kPoison, output.size() * sizeof(long long));
    unsigned long long count = 0;  // GpuSelect zeroes the count word before counting
    const long long tiles = (n + SelectShape<long long>::TILE - 1) / SelectShape<long long>::TILE;
    std::vector<unsigned long long> tileWords(tiles, 0);
    unsigned int nextTile = 0;
    // GpuSelect launches min(n / 4096 blocks, 8 per multiprocessor); 8 blocks here, the same grid-stride loop
    launch_on_cpu(8, THREADS, [&] { count_selected_by_byte_mask(mask.data(), n, &count); });
    char what[120];
    std::snprintf(what, sizeof what, "count_selected_by_byte_mask over %lld values, 50%% kept", n);
    expect(count == kept, what);
    launch_on_cpu(static_cast<unsigned>(tiles), THREADS, [&] {
        partition_by_byte_mask_int64(values.data(), mask.data(), output.data(), n, &count, &nextTile,
                                     tileWords.data());
    });
    std::snprintf(what, sizeof what, "partition_by_byte_mask_int64 over %lld values, 50%% kept", n);
    expect(count == kept && output == expected, what);
}

void scatterFloat64ByInt64(long long n) {
    using namespace gather_kernels;
    std::mt19937_64 random(25);
    std::vector<unsigned long long> values(n);
    std::vector<long long> indices(n);
    for (long long i = 0; i < n; ++i) {
        double value = (static_cast<double>(random() % 2000001) - 1e6) / 7.0;
        std::memcpy(&values[i], &value, sizeof value);
        indices[i] = i;
    }
    std::shuffle(indices.begin(), indices.end(), random);
    const unsigned blocks = static_cast<unsigned>((n + THREADS * ITEMS - 1) / (THREADS * ITEMS));
    std::vector<unsigned long long> output(n);
    std::memset(output.data(), kPoison, output.size() * sizeof(unsigned long long));
    unsigned long long firstOutOfBounds = ~0ULL;  // GpuGather's fillIntsAsync(-1), after the caller's poison
    launch_on_cpu(blocks, THREADS, [&] {
        scatter_float64_by_int64(values.data(), indices.data(), n, output.data(), n, &firstOutOfBounds);
    });
    bool matches = firstOutOfBounds == ~0ULL;
    for (long long i = 0; i < n && matches; ++i) {
        matches = output[indices[i]] == values[i];
    }
    char what[120];
    std::snprintf(what, sizeof what, "scatter_float64_by_int64 of a permutation of %lld, flag left at -1", n);
    expect(matches, what);

    firstOutOfBounds = ~0ULL;
    std::vector<unsigned long long> gathered(n);
    std::memset(gathered.data(), kPoison, gathered.size() * sizeof(unsigned long long));
    launch_on_cpu(blocks, THREADS, [&] {
        gather_float64_by_int64(output.data(), n, indices.data(), n, gathered.data(), &firstOutOfBounds);
    });
    std::snprintf(what, sizeof what, "gather_float64_by_int64 back through the permutation of %lld", n);
    expect(firstOutOfBounds == ~0ULL && gathered == values, what);
}

// The int32 even-bin kernels (the first GpuHistogramTest launches), int32 and int64 custom edges and float32 even
// bins, which histograms() does not reach, with the bounds GpuHistogramTest uses.
void moreHistogramKernels(std::mt19937_64& random) {
    using namespace histogram_kernels;
    for (long long n : {1LL, 257LL, 5000LL}) {
        for (int bins : {2, 1000, 49152, 65536}) {
            for (bool shared : {false, true}) {
                const int copies = shared ? shared_copies(bins) : 1;
                char what[160];
                std::vector<int> ints(n);
                for (int& value : ints) {
                    value = random() % 3 == 0 ? -42 : static_cast<int>(static_cast<unsigned int>(random()));
                }
                // the even int32 kernels read them 4 bytes past a 16-byte boundary: the value-by-value load
                std::vector<int> unaligned(n + 1);
                std::copy(ints.begin(), ints.end(), unaligned.begin() + 1);
                const long long intBounds[][2] = {{-5000000, 40000000}, {INT_MIN, INT_MAX + 1LL}, {-42, -41}};
                for (const auto& bound : intBounds) {
                    const long long lower = bound[0], upper = bound[1];
                    const unsigned long long range = static_cast<unsigned long long>(upper - lower);
                    std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                    for (int x : ints) {
                        if (x < lower || x >= upper) {
                            ++expected[bins];
                        } else {
                            ++expected[static_cast<size_t>(static_cast<unsigned long long>(x - lower) * bins / range)];
                        }
                    }
                    launch_on_cpu(3, THREADS, [&] {
                        (shared ? histogram_even_int32_shared : histogram_even_int32_global)(
                            copies, unaligned.data() + 1, n, lower, upper, bins, bins / static_cast<double>(range),
                            counts.data());
                    });
                    std::snprintf(what, sizeof what, "even int32 bins [%lld, %lld), %d bins, %lld values%s", lower,
                                  upper, bins, n, shared ? ", shared" : "");
                    expect(counts == expected, what);
                }

                std::vector<long long> edges(bins + 1);
                for (long long& edge : edges) {
                    edge = static_cast<long long>(random() % (1ULL << 33)) - (1LL << 32);
                }
                std::sort(edges.begin(), edges.end());
                for (int k = 1; k <= bins; ++k) {
                    edges[k] = std::max(edges[k], edges[k - 1] + 1);
                }
                std::vector<long long> longs(ints.begin(), ints.end());
                for (int kind = 0; kind < 2; ++kind) {  // int32 values, then int64 values, against int64 edges
                    std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                    for (long long x : longs) {
                        if (x < edges[0] || x >= edges[bins]) {
                            ++expected[bins];
                        } else {
                            ++expected[std::upper_bound(edges.begin(), edges.end(), x) - edges.begin() - 1];
                        }
                    }
                    launch_on_cpu(2, THREADS, [&] {
                        if (kind == 0) {
                            (shared ? histogram_custom_int32_shared : histogram_custom_int32_global)(
                                copies, ints.data(), n, edges.data(), bins, counts.data());
                        } else {
                            (shared ? histogram_custom_int64_shared : histogram_custom_int64_global)(
                                copies, longs.data(), n, edges.data(), bins, counts.data());
                        }
                    });
                    std::snprintf(what, sizeof what, "custom %s edges, %d bins, %lld values%s",
                                  kind == 0 ? "int32" : "int64", bins, n, shared ? ", shared" : "");
                    expect(counts == expected, what);
                }

                std::vector<float> singles(n);
                for (float& value : singles) {
                    const int pick = static_cast<int>(random() % 50);
                    value = pick == 0 ? NAN : pick == 1 ? -0.0f : (static_cast<float>(random() % 100000) / 1e5f - 0.5f) * 500;
                }
                const double lower = -100.0, upper = 250.0, scale = bins / (upper - lower);
                std::vector<unsigned long long> expected(bins + 1, 0), counts(bins + 1, 0);
                for (float single : singles) {
                    const double x = single;
                    if (!(x >= lower && x < upper)) {
                        ++expected[bins];
                    } else {
                        const double position = __dmul_rn(__dsub_rn(x, lower), scale);
                        ++expected[std::min<long long>(bins - 1, static_cast<long long>(position))];
                    }
                }
                launch_on_cpu(2, THREADS, [&] {
                    (shared ? histogram_even_float32_shared : histogram_even_float32_global)(
                        copies, singles.data(), n, lower, upper, bins, scale, counts.data());
                });
                std::snprintf(what, sizeof what, "even float32 bins [-100, 250), %d bins, %lld values%s", bins, n,
                              shared ? ", shared" : "");
                expect(counts == expected, what);
            }
        }
    }
}

}  // namespace

// argv[1]: the size of the failing shapes (partitionInt64HalfKept, scatterFloat64ByInt64)
int main(int argc, char** argv) {
    const long long failingShapeSize = argc > 1 ? std::atoll(argv[1]) : (1LL << 18) + 3;
    std::mt19937_64 random(20261122);
    using namespace select_kernels;
    compaction<int>("int32", select_by_byte_mask_int32, select_by_bit_mask_int32, partition_by_byte_mask_int32,
                    partition_by_bit_mask_int32, random);
    compaction<double>("float64", select_by_byte_mask_float64, select_by_bit_mask_float64,
                       partition_by_byte_mask_float64, partition_by_bit_mask_float64, random);
    compaction<long long>("int64", select_by_byte_mask_int64, select_by_bit_mask_int64, partition_by_byte_mask_int64,
                          partition_by_bit_mask_int64, random);
    gatherAndScatter();
    histograms(random);
    moreHistogramKernels(random);
    partitionInt64HalfKept(failingShapeSize);
    scatterFloat64ByInt64(failingShapeSize);
    if (failures != 0) {
        std::printf("%d of %d cases differ\n", failures, cases);
        return 1;
    }
    std::printf("all %d cases match\n", cases);
    return 0;
}
