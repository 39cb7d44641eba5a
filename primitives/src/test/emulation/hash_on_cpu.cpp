// Runs hash_table.cu and group_by.cu on the CPU (see hash_on_cpu.h) over the cases HashKernelEmulationTest writes,
// launched as GpuHashTable, GpuHashTableBuilder and GpuGroupBy launch them, with the radix sort and the scan between
// the kernels stood in for by std::stable_sort and std::partial_sum. Data is drawn here from each case's seed, and the
// results are checked against plain references written here (maps, 128-bit integers, exact sums of doubles), with
// every output poisoned and followed by poisoned guard elements. Group-by cases carry the struct bytes
// GpuGroupByLayout wrote, with marks where the device addresses go; the harness puts its buffers there.
//
//   hash_on_cpu FILE    runs the cases; prints "all N cases match", or each mismatch and exits 1
#include "hash_on_cpu.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// Headers both kernel files include, at file scope so that both namespaces below see them.
#include "hash_mix.cuh"
#include "total_order.cuh"

namespace join_kernels {
#include "hash_table.cu"
}
namespace group_kernels {
#include "group_by.cu"
}

namespace {

constexpr unsigned char kPoison = 0xA5;
constexpr size_t kGuard = 8;  // poisoned elements after every output
constexpr unsigned kMultiprocessors = 3;
constexpr long long kMaxBlocks = 4;  // small grids, so the kernels' loops stride over the grid too
constexpr unsigned long long kPoisonWord = 0xA5A5A5A5A5A5A5A5ULL;

int failures = 0;

void fail(const std::string& caseName, const std::string& message) {
    if (failures++ < 30) {
        std::cout << "MISMATCH in " << caseName << ": " << message << std::endl;
    }
}

unsigned grid_for(long long count) {
    const long long blocks = (count + 255) / 256;
    return static_cast<unsigned>(std::max(1LL, std::min(blocks, kMaxBlocks)));
}

template <typename T>
std::vector<T> poisoned(size_t count) {
    std::vector<T> values(count + kGuard);
    std::memset(values.data(), kPoison, values.size() * sizeof(T));
    return values;
}

template <typename T>
bool guard_intact(const std::vector<T>& values, size_t written) {
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(values.data());
    for (size_t b = written * sizeof(T); b < values.size() * sizeof(T); ++b) {
        if (bytes[b] != kPoison) {
            return false;
        }
    }
    return true;
}

long long zipf(std::mt19937_64& random, int n) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    return std::min<long long>(n, static_cast<long long>(std::floor(std::exp(unit(random) * std::log(n)))));
}

// ---------------------------------------------------------------------------------------------------------------------
// Joins

template <typename K>
std::vector<K> build_keys(const std::string& shape, int n, std::mt19937_64& random) {
    std::vector<K> keys;
    const K multiplier = sizeof(K) == 4 ? K(97) : K(3000000019ULL);
    if (shape == "unique") {
        std::set<K> seen;
        while (static_cast<int>(keys.size()) < n) {
            const K key = static_cast<K>(random());
            if (seen.insert(key).second) {
                keys.push_back(key);
            }
        }
    } else if (shape == "duplicates") {
        while (static_cast<int>(keys.size()) < n) {
            const K key = static_cast<K>(random() % 100000) * multiplier;
            for (int copies = 1 + static_cast<int>(random() % 4); copies > 0 && static_cast<int>(keys.size()) < n; --copies) {
                keys.push_back(key);
            }
        }
        std::shuffle(keys.begin(), keys.end(), random);
    } else if (shape == "zipf") {
        for (int i = 0; i < n; ++i) {
            keys.push_back(static_cast<K>(zipf(random, 1 << 20) * (random() % 2 ? 1 : -1)) * multiplier);
        }
    } else if (shape == "all-equal") {
        keys.assign(n, static_cast<K>(-42));
    } else {  // edge-values: zero (the empty slots' key bits), all ones, the sign bit, with duplicates
        const K edges[] = {K(0), K(1), static_cast<K>(~K(0)), static_cast<K>(K(1) << (8 * sizeof(K) - 1)),
                           static_cast<K>((K(1) << (8 * sizeof(K) - 1)) - 1), static_cast<K>(random())};
        for (int i = 0; i < n; ++i) {
            keys.push_back(edges[random() % 6]);
        }
    }
    return keys;
}

template <typename K>
void run_join(const std::string& name, const std::string& shape, int buildCount, int probeCount,
              unsigned long long capacity, unsigned long long seed) {
    using namespace join_kernels;
    std::mt19937_64 random(seed);
    const std::vector<K> build = build_keys<K>(shape, buildCount, random);
    std::vector<K> probe(probeCount);
    for (K& key : probe) {
        key = buildCount > 0 && random() % 10 < 7 ? build[random() % buildCount] : static_cast<K>(random());
    }
    const long long n = buildCount;
    if ((capacity & (capacity - 1)) != 0 || capacity < 2ULL * n || capacity < 16) {
        fail(name, "GpuHashTable.capacityFor(" + std::to_string(n) + ") = " + std::to_string(capacity)
                       + " is no power of two at least twice the rows");
        return;
    }

    // GpuHashTableBuilder.build
    std::vector<HashSlot> slots(capacity);
    std::memset(slots.data(), 0, capacity * sizeof(HashSlot));
    std::vector<unsigned> rows = poisoned<unsigned>(n);
    if (n > 0) {
        std::vector<unsigned> numbers = poisoned<unsigned>(n);
        launch_on_cpu(grid_for(n), THREADS, [&] { hash_table_row_numbers(numbers.data(), n); }, kMultiprocessors);
        // GpuRadixSort.sortPairs stands in: stable, by the keys' bits
        std::vector<unsigned> order(n);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) { return build[a] < build[b]; });
        std::vector<K> sortedKeys(n);
        for (long long j = 0; j < n; ++j) {
            sortedKeys[j] = build[order[j]];
            rows[j] = numbers[order[j]];
        }
        const unsigned long long mask = capacity - 1;
        if (sizeof(K) == 4) {
            launch_on_cpu(grid_for(n), THREADS, [&] {
                hash_table_insert_keys32(reinterpret_cast<const unsigned*>(sortedKeys.data()), n, slots.data(), mask);
            }, kMultiprocessors);
            launch_on_cpu(grid_for(n), THREADS, [&] {
                hash_table_count_keys32(reinterpret_cast<const unsigned*>(sortedKeys.data()), rows.data(), n,
                                        slots.data(), mask);
            }, kMultiprocessors);
        } else {
            launch_on_cpu(grid_for(n), THREADS, [&] {
                hash_table_insert_keys64(reinterpret_cast<const unsigned long long*>(sortedKeys.data()), n,
                                         slots.data(), mask);
            }, kMultiprocessors);
            launch_on_cpu(grid_for(n), THREADS, [&] {
                hash_table_count_keys64(reinterpret_cast<const unsigned long long*>(sortedKeys.data()), rows.data(), n,
                                        slots.data(), mask);
            }, kMultiprocessors);
        }
    }

    std::map<K, std::vector<long long>> rowsOfKey;  // ascending, as the build rows come
    for (long long r = 0; r < n; ++r) {
        rowsOfKey[build[r]].push_back(r);
    }
    size_t distinct = 0;
    for (const HashSlot& slot : slots) {
        distinct += slot.count != 0 ? 1 : 0;
    }
    if (distinct != rowsOfKey.size()) {
        fail(name, "the table holds " + std::to_string(distinct) + " keys, the build side " +
                       std::to_string(rowsOfKey.size()));
    }

    const long long m = probeCount;
    for (int keepUnmatched = 0; keepUnmatched <= 1; ++keepUnmatched) {
        std::vector<long long> expectedLeft, expectedRight;
        for (long long i = 0; i < m; ++i) {
            auto found = rowsOfKey.find(probe[i]);
            if (found != rowsOfKey.end()) {
                for (long long r : found->second) {
                    expectedLeft.push_back(i);
                    expectedRight.push_back(r);
                }
            } else if (keepUnmatched) {
                expectedLeft.push_back(i);
                expectedRight.push_back(-1);
            }
        }
        const char* kind = keepUnmatched ? "left outer" : "inner";
        if (m == 0) {
            continue;  // GpuHashTable returns empty pairs without a launch
        }
        // GpuHashTable.pairs
        std::vector<unsigned long long> ends = poisoned<unsigned long long>(m);
        std::vector<unsigned> matchRows = poisoned<unsigned>(m);
        launch_on_cpu(grid_for(m), THREADS, [&] {
            if (sizeof(K) == 4) {
                hash_table_count_matches_keys32(slots.data(), rows.data(), capacity - 1,
                                                reinterpret_cast<const unsigned*>(probe.data()), m, keepUnmatched,
                                                ends.data(), matchRows.data());
            } else {
                hash_table_count_matches_keys64(slots.data(), rows.data(), capacity - 1,
                                                reinterpret_cast<const unsigned long long*>(probe.data()), m,
                                                keepUnmatched, ends.data(), matchRows.data());
            }
        }, kMultiprocessors);
        std::partial_sum(ends.begin(), ends.begin() + m, ends.begin());  // GpuScan.inclusiveSum stands in
        const unsigned long long total = ends[m - 1];
        if (total != expectedLeft.size()) {
            fail(name, std::string(kind) + ": counted " + std::to_string(total) + " pairs, expected " +
                           std::to_string(expectedLeft.size()));
            continue;
        }
        std::vector<long long> left = poisoned<long long>(total);
        std::vector<long long> right = poisoned<long long>(total);
        launch_on_cpu(grid_for(m), THREADS, [&] {
            hash_table_write_matches(rows.data(), ends.data(), matchRows.data(), m, left.data(), right.data());
        }, kMultiprocessors);
        if (!std::equal(expectedLeft.begin(), expectedLeft.end(), left.begin()) ||
            !std::equal(expectedRight.begin(), expectedRight.end(), right.begin())) {
            fail(name, std::string(kind) + ": pairs differ");
        }
        if (!guard_intact(left, total) || !guard_intact(right, total)) {
            fail(name, std::string(kind) + ": written past the pairs");
        }
    }

    for (int matched = 1; matched >= 0; --matched) {
        std::vector<long long> expected;
        for (long long i = 0; i < m; ++i) {
            if ((rowsOfKey.count(probe[i]) != 0) == (matched != 0)) {
                expected.push_back(i);
            }
        }
        // GpuHashTable.flaggedRows
        unsigned long long rowCount = 0;  // the launcher's memset
        std::vector<long long> output = poisoned<long long>(m);
        if (m > 0) {
            std::vector<unsigned long long> flags = poisoned<unsigned long long>(m);
            launch_on_cpu(grid_for(m), THREADS, [&] {
                if (sizeof(K) == 4) {
                    hash_table_flag_matches_keys32(slots.data(), rows.data(), capacity - 1,
                                                   reinterpret_cast<const unsigned*>(probe.data()), m, matched,
                                                   flags.data());
                } else {
                    hash_table_flag_matches_keys64(slots.data(), rows.data(), capacity - 1,
                                                   reinterpret_cast<const unsigned long long*>(probe.data()), m,
                                                   matched, flags.data());
                }
            }, kMultiprocessors);
            std::partial_sum(flags.begin(), flags.begin() + m, flags.begin());
            launch_on_cpu(grid_for(m), THREADS, [&] {
                hash_table_emit_rows(flags.data(), m, output.data(), &rowCount);
            }, kMultiprocessors);
        }
        const char* kind = matched ? "left semi" : "left anti";
        if (rowCount != expected.size() || !std::equal(expected.begin(), expected.end(), output.begin())) {
            fail(name, std::string(kind) + ": " + std::to_string(rowCount) + " rows, expected " +
                           std::to_string(expected.size()));
        }
        if (!guard_intact(output, m)) {
            fail(name, std::string(kind) + ": written past the probe rows");
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// Group-by

// The exact sum of doubles: a 2176-bit two's complement integer counting units of 2^-1074, rounded to the nearest
// double at the end through a 64-bit integer (whose conversion rounds to nearest even) with a sticky bit.
struct ExactSum {
    static constexpr int kWords = 34;
    std::vector<unsigned long long> words = std::vector<unsigned long long>(kWords, 0);
    bool nan = false, positiveInfinity = false, negativeInfinity = false;

    void add(double value) {
        unsigned long long bits;
        std::memcpy(&bits, &value, 8);
        const int biased = static_cast<int>((bits >> 52) & 0x7ff);
        const unsigned long long fraction = bits & ((1ULL << 52) - 1);
        const bool negative = bits >> 63;
        if (biased == 0x7ff) {
            (fraction != 0 ? nan : negative ? negativeInfinity : positiveInfinity) = true;
            return;
        }
        const unsigned long long mantissa = biased == 0 ? fraction : fraction | (1ULL << 52);
        const int position = (biased == 0 ? 1 : biased) - 1;
        std::vector<unsigned long long> term(kWords, 0);
        term[position / 64] = mantissa << (position % 64);
        if (position % 64 != 0) {
            term[position / 64 + 1] = mantissa >> (64 - position % 64);
        }
        if (negative) {  // two's complement of the term
            unsigned long long carry = 1;
            for (auto& word : term) {
                word = ~word + carry;
                carry = carry && word == 0;
            }
        }
        unsigned long long carry = 0;
        for (int k = 0; k < kWords; ++k) {
            const unsigned __int128 sum = static_cast<unsigned __int128>(words[k]) + term[k] + carry;
            words[k] = static_cast<unsigned long long>(sum);
            carry = static_cast<unsigned long long>(sum >> 64);
        }
    }

    double result() const {
        if (nan || (positiveInfinity && negativeInfinity)) {
            return std::nan("");
        }
        if (positiveInfinity || negativeInfinity) {
            return positiveInfinity ? INFINITY : -INFINITY;
        }
        std::vector<unsigned long long> magnitude = words;
        const bool negative = magnitude[kWords - 1] >> 63;
        if (negative) {
            unsigned long long carry = 1;
            for (auto& word : magnitude) {
                word = ~word + carry;
                carry = carry && word == 0;
            }
        }
        int top = -1;
        for (int k = kWords - 1; k >= 0 && top < 0; --k) {
            if (magnitude[k] != 0) {
                top = 64 * k + 63 - __builtin_clzll(magnitude[k]);
            }
        }
        if (top < 0) {
            return 0.0;
        }
        auto bit = [&](int i) { return i >= 0 && ((magnitude[i / 64] >> (i % 64)) & 1) != 0; };
        unsigned long long leading = 0;
        for (int i = top; i > top - 64; --i) {
            leading = (leading << 1) | (bit(i) ? 1 : 0);
        }
        bool sticky = false;
        for (int i = top - 64; i >= 0 && !sticky; --i) {
            sticky = bit(i);
        }
        const double rounded = std::ldexp(static_cast<double>(leading | (sticky ? 1 : 0)), top - 63 - 1074);
        return negative ? -rounded : rounded;
    }
};

long long order_key_of(double value) {
    long long bits;
    std::memcpy(&bits, &value, 8);
    if (value != value) {
        bits = 0x7ff8000000000000LL;
    }
    return bits ^ static_cast<long long>(static_cast<unsigned long long>(bits >> 63) >> 1);
}

double double_of_order_key(long long key) {
    const long long bits = key ^ static_cast<long long>(static_cast<unsigned long long>(key >> 63) >> 1);
    double value;
    std::memcpy(&value, &bits, 8);
    return value;
}

enum Type { INT32 = 0, INT64 = 1, FLOAT32 = 2, FLOAT64 = 3 };

Type type_of(const std::string& name) {
    return name == "INT32" ? INT32 : name == "INT64" ? INT64 : name == "FLOAT32" ? FLOAT32 : FLOAT64;
}

struct Column {
    Type type;
    std::vector<unsigned char> bytes;  // the values as the device holds them
    long long integer(long long row) const {
        if (type == INT32) {
            int value;
            std::memcpy(&value, bytes.data() + 4 * row, 4);
            return value;
        }
        long long value;
        std::memcpy(&value, bytes.data() + 8 * row, 8);
        return value;
    }
    double floating(long long row) const {
        if (type == FLOAT32) {
            float value;
            std::memcpy(&value, bytes.data() + 4 * row, 4);
            return value;
        }
        double value;
        std::memcpy(&value, bytes.data() + 8 * row, 8);
        return value;
    }
};

Column value_column(Type type, const std::string& shape, int rows, std::mt19937_64& random) {
    Column column{type, std::vector<unsigned char>(static_cast<size_t>(rows) * (type == INT32 || type == FLOAT32 ? 4 : 8))};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int row = 0; row < rows; ++row) {
        if (type == INT32 || type == INT64) {
            const unsigned long long bits = random();
            std::memcpy(column.bytes.data() + (type == INT32 ? 4 : 8) * row, &bits, type == INT32 ? 4 : 8);
            continue;
        }
        double value;
        const int pick = static_cast<int>(random() % 100);
        if (shape == "tiny") {  // sums stay subnormal (float32: subnormal floats, normal as doubles)
            const double unitInLastPlace = type == FLOAT32 ? std::ldexp(1.0, -149) : std::ldexp(1.0, -1074);
            value = static_cast<double>(static_cast<long long>(random() % (1 << 20)) - (1 << 19)) * unitInLastPlace;
        } else if (shape == "specials" && pick < 4) {
            const double specials[] = {NAN, -NAN, INFINITY, -INFINITY};
            value = specials[pick];
        } else if (pick < 6) {
            value = pick % 2 == 0 ? 0.0 : -0.0;
        } else if (pick < 40) {
            value = static_cast<double>(static_cast<int>(random() % 40) - 20) * 0.25;
        } else {
            value = (unit(random) - 0.5) * std::pow(10.0, static_cast<int>(random() % 13) - 6);
        }
        if (type == FLOAT32) {
            const float single = static_cast<float>(value);
            std::memcpy(column.bytes.data() + 4 * row, &single, 4);
        } else {
            std::memcpy(column.bytes.data() + 8 * row, &value, 8);
        }
    }
    return column;
}

Column key_column(int width, const std::string& shape, int column, int rows, std::mt19937_64& random) {
    Column keys{width == 4 ? INT32 : INT64, std::vector<unsigned char>(static_cast<size_t>(rows) * width)};
    for (int row = 0; row < rows; ++row) {
        long long key;
        const std::string effective = column == 0 ? shape : "few";
        if (effective == "uniform") {
            key = static_cast<long long>(random());
        } else if (effective == "few") {
            key = (static_cast<long long>(random() % 100) - 50) * 7919;  // zero among them
        } else if (effective == "zipf") {
            key = zipf(random, 1 << 20) * (random() % 2 ? 1 : -1) * 97;
        } else {
            key = -42;
        }
        std::memcpy(keys.bytes.data() + static_cast<size_t>(width) * row, &key, width);  // little-endian: low bytes
    }
    return keys;
}

struct Aggregate {
    int function;  // 0 COUNT, 1 SUM, 2 MIN, 3 MAX
    Type type;
};

struct Group {
    long long firstRow = 0;
    unsigned long long count = 0;
    std::vector<__int128> integerSums;
    std::vector<ExactSum> floatSums;
    std::vector<long long> extremes;  // order keys
};

std::vector<unsigned long long> read_words(std::istream& in, size_t expected, bool& ok) {
    size_t count;
    in >> count;
    std::vector<unsigned long long> words(count);
    for (auto& word : words) {
        in >> std::hex >> word >> std::dec;
    }
    ok = count == expected;
    return words;
}

void run_group_by(std::istream& in, const std::string& header) {
    using namespace group_kernels;
    std::istringstream line(header);
    std::string token, name, keyShape, valueShape;
    int rows;
    unsigned long long seed, localCapacity, sharedBytes, groupBound, capacity;
    line >> token >> name >> rows >> keyShape >> valueShape >> seed >> localCapacity >> sharedBytes >> groupBound >>
        capacity;
    std::vector<int> keyWidths;
    std::vector<Aggregate> aggregates;
    std::string keysLine, aggregatesLine;
    std::getline(in >> std::ws, keysLine);
    std::getline(in >> std::ws, aggregatesLine);
    {
        std::istringstream keysIn(keysLine);
        keysIn >> token;
        for (int width; keysIn >> width;) {
            keyWidths.push_back(width);
        }
        std::istringstream aggregatesIn(aggregatesLine);
        aggregatesIn >> token;
        for (std::string item; aggregatesIn >> item;) {
            aggregates.push_back(Aggregate{std::stoi(item.substr(0, item.find(':'))), type_of(item.substr(item.find(':') + 1))});
        }
    }
    bool columnsOk, tableOk, outputsOk;
    in >> token;
    const std::vector<unsigned long long> columnWords = read_words(in, sizeof(GroupByColumns) / 8, columnsOk);
    in >> token;
    const std::vector<unsigned long long> tableWords = read_words(in, sizeof(GroupByTable) / 8, tableOk);
    in >> token;
    const std::vector<unsigned long long> outputWords = read_words(in, sizeof(GroupByOutputs) / 8, outputsOk);
    in >> token;  // end
    if (!columnsOk || !tableOk || !outputsOk) {
        fail(name, "GpuGroupByLayout's structs are not the size of group_by.cuh's");
        return;
    }
    GroupByColumns columns;
    GroupByTable table;
    GroupByOutputs outputs;
    std::memcpy(&columns, columnWords.data(), sizeof columns);
    std::memcpy(&table, tableWords.data(), sizeof table);
    std::memcpy(&outputs, outputWords.data(), sizeof outputs);
    const int keyCount = static_cast<int>(keyWidths.size());
    const int aggregateCount = static_cast<int>(aggregates.size());

    // the fields GpuGroupByLayout wrote, where group_by.cuh reads them
    bool layoutOk = columns.rowCount == rows && columns.keyCount == keyCount && columns.aggregateCount == aggregateCount;
    for (int c = 0; c < keyCount; ++c) {
        layoutOk &= columns.keyBytes[c] == keyWidths[c] && reinterpret_cast<uintptr_t>(columns.keys[c]) == 0x1000u + c &&
                    reinterpret_cast<uintptr_t>(outputs.keys[c]) == 0x4000u + c;
    }
    for (int a = 0; a < aggregateCount; ++a) {
        const uintptr_t mark = aggregates[a].function == 0 ? 0 : 0x2000u + a;
        layoutOk &= (columns.operations[a] >> 2) == aggregates[a].function &&
                    (aggregates[a].function == 0 || (columns.operations[a] & 3) == aggregates[a].type) &&
                    reinterpret_cast<uintptr_t>(columns.values[a]) == mark &&
                    reinterpret_cast<uintptr_t>(outputs.results[a]) == 0x5000u + a && columns.offsets[a] % 8 == 0 &&
                    columns.offsets[a] >= 8 && columns.offsets[a] < columns.recordBytes;
    }
    layoutOk &= reinterpret_cast<uintptr_t>(table.slots) == 0x3000 && table.mask == 0x3001 && table.maxGroups == 0x3002 &&
                reinterpret_cast<uintptr_t>(table.records) == 0x3003 &&
                reinterpret_cast<uintptr_t>(table.groupKeys) == 0x3004 &&
                reinterpret_cast<uintptr_t>(table.counters) == 0x3005;
    // the shared memory GpuGroupByLayout.sharedBytes asks for is what group_by_aggregate carves up
    const unsigned long long carved =
        8 * localCapacity * (1 + keyCount) + (localCapacity / 2) * static_cast<unsigned long long>(columns.recordBytes);
    layoutOk &= carved == sharedBytes && sharedBytes <= sizeof(cuda_on_cpu::block_shared) &&
                (localCapacity & (localCapacity - 1)) == 0 && columns.recordBytes % 8 == 0;
    if (!layoutOk) {
        fail(name, "the struct fields GpuGroupByLayout wrote are not where group_by.cuh reads them");
        return;
    }

    // data and the reference
    std::mt19937_64 random(seed);
    std::vector<Column> keyColumns;
    for (int c = 0; c < keyCount; ++c) {
        keyColumns.push_back(key_column(keyWidths[c], keyShape, c, rows, random));
    }
    std::vector<Column> valueColumns;
    for (const Aggregate& aggregate : aggregates) {
        valueColumns.push_back(value_column(aggregate.type, valueShape, rows, random));
    }
    std::map<std::vector<long long>, size_t> groupOfKey;
    std::vector<std::vector<long long>> groupKeys;
    std::vector<Group> groups;
    for (long long row = 0; row < rows; ++row) {
        std::vector<long long> key;
        for (const Column& column : keyColumns) {
            key.push_back(column.integer(row));
        }
        auto [found, created] = groupOfKey.try_emplace(key, groups.size());
        if (created) {
            Group group;
            group.firstRow = row;
            group.integerSums.assign(aggregateCount, 0);
            group.floatSums.assign(aggregateCount, ExactSum());
            group.extremes.assign(aggregateCount, 0);
            for (int a = 0; a < aggregateCount; ++a) {
                group.extremes[a] = aggregates[a].function == 2 ? LLONG_MAX : LLONG_MIN;
            }
            groups.push_back(group);
            groupKeys.push_back(key);
        }
        Group& group = groups[found->second];
        ++group.count;
        for (int a = 0; a < aggregateCount; ++a) {
            const Column& values = valueColumns[a];
            const bool floating = values.type == FLOAT32 || values.type == FLOAT64;
            if (aggregates[a].function == 1) {
                if (floating) {
                    group.floatSums[a].add(values.floating(row));
                } else {
                    group.integerSums[a] += values.integer(row);
                }
            } else if (aggregates[a].function >= 2) {
                const long long key = floating ? order_key_of(values.floating(row)) : values.integer(row);
                group.extremes[a] = aggregates[a].function == 2 ? std::min(group.extremes[a], key)
                                                                : std::max(group.extremes[a], key);
            }
        }
    }

    // GpuGroupBy.groupBy, launched as it launches
    std::vector<unsigned long long> slots(capacity * (1 + keyCount), 0);
    std::vector<unsigned char> records(groupBound * columns.recordBytes, 0);
    std::vector<unsigned long long> denseKeys(groupBound * keyCount, kPoisonWord);
    unsigned long long counters[2] = {0, 0};
    unsigned int exponents[MAX_AGGREGATES] = {};
    for (int c = 0; c < keyCount; ++c) {
        columns.keys[c] = keyColumns[c].bytes.data();
    }
    for (int a = 0; a < aggregateCount; ++a) {
        columns.values[a] = aggregates[a].function == 0 ? nullptr : valueColumns[a].bytes.data();
    }
    table = GroupByTable{slots.data(), capacity - 1, groupBound, records.data(), denseKeys.data(), counters};
    for (int a = 0; a < aggregateCount; ++a) {
        if (aggregates[a].function == 1 && (aggregates[a].type == FLOAT32 || aggregates[a].type == FLOAT64)) {
            launch_on_cpu(grid_for(rows), THREADS, [&] {
                if (aggregates[a].type == FLOAT32) {
                    group_by_largest_exponent_float32(reinterpret_cast<const float*>(columns.values[a]), rows, &exponents[a]);
                } else {
                    group_by_largest_exponent_float64(reinterpret_cast<const double*>(columns.values[a]), rows, &exponents[a]);
                }
            }, kMultiprocessors);
        }
    }
    launch_on_cpu(grid_for(rows), THREADS, [&] {
        group_by_aggregate(columns, table, exponents, static_cast<long long>(localCapacity));
    }, kMultiprocessors);

    if (groups.size() > groupBound) {
        if (counters[1] == 0) {
            fail(name, std::to_string(groups.size()) + " groups in a table for " + std::to_string(groupBound) +
                           ", and no overflow flagged");
        }
        return;  // GpuGroupBy throws here
    }
    if (counters[1] != 0 || counters[0] != groups.size()) {
        fail(name, "made " + std::to_string(counters[0]) + " groups (overflow " + std::to_string(counters[1]) +
                       "), expected " + std::to_string(groups.size()));
        return;
    }
    const long long groupCount = static_cast<long long>(counters[0]);
    std::vector<unsigned> firstRows = poisoned<unsigned>(groupCount);
    launch_on_cpu(grid_for(groupCount), THREADS, [&] {
        group_by_first_rows(records.data(), columns.recordBytes, groupCount, firstRows.data());
    }, kMultiprocessors);
    // GpuRadixSort.argsort stands in
    std::vector<unsigned> order(groupCount);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) { return firstRows[a] < firstRows[b]; });
    std::vector<std::vector<unsigned char>> keyOutputs, resultOutputs;
    std::vector<size_t> resultWidths;
    for (int c = 0; c < keyCount; ++c) {
        keyOutputs.push_back(poisoned<unsigned char>(groupCount * keyWidths[c]));
        outputs.keys[c] = keyOutputs.back().data();
    }
    for (int a = 0; a < aggregateCount; ++a) {
        const Aggregate& aggregate = aggregates[a];
        const size_t bytes = aggregate.function == 1 ? (aggregate.type == INT64 ? 16 : 8)
                             : aggregate.function == 0 ? 8
                             : (aggregate.type == INT32 || aggregate.type == FLOAT32 ? 4 : 8);
        resultWidths.push_back(bytes);
        resultOutputs.push_back(poisoned<unsigned char>(groupCount * bytes));
        outputs.results[a] = resultOutputs.back().data();
    }
    launch_on_cpu(grid_for(groupCount), THREADS, [&] {
        group_by_write_groups(columns, table, outputs, order.data(), groupCount, exponents);
    }, kMultiprocessors);

    for (long long o = 0; o < groupCount; ++o) {
        const Group& group = groups[o];  // the reference lists groups by first appearance
        if (firstRows[order[o]] != group.firstRow) {
            fail(name, "output group " + std::to_string(o) + " first appears at row " +
                           std::to_string(firstRows[order[o]]) + ", expected " + std::to_string(group.firstRow));
            return;
        }
        for (int c = 0; c < keyCount; ++c) {
            long long key = 0;
            std::memcpy(&key, keyOutputs[c].data() + o * keyWidths[c], keyWidths[c]);
            if (keyWidths[c] == 4) {
                key = static_cast<int>(key);
            }
            if (key != groupKeys[o][c]) {
                fail(name, "group " + std::to_string(o) + " key " + std::to_string(c) + ": " + std::to_string(key) +
                               ", expected " + std::to_string(groupKeys[o][c]));
                return;
            }
        }
        for (int a = 0; a < aggregateCount; ++a) {
            const Aggregate& aggregate = aggregates[a];
            const unsigned char* result = resultOutputs[a].data();
            std::string what = "group " + std::to_string(o) + " aggregate " + std::to_string(a);
            if (aggregate.function == 0) {
                unsigned long long count;
                std::memcpy(&count, result + 8 * o, 8);
                if (count != group.count) {
                    fail(name, what + " (COUNT): " + std::to_string(count) + ", expected " + std::to_string(group.count));
                }
            } else if (aggregate.function == 1 && aggregate.type == INT32) {
                long long sum;
                std::memcpy(&sum, result + 8 * o, 8);
                if (sum != static_cast<long long>(group.integerSums[a])) {
                    fail(name, what + " (SUM int32) differs");
                }
            } else if (aggregate.function == 1 && aggregate.type == INT64) {
                unsigned long long halves[2];
                std::memcpy(halves, result + 16 * o, 16);
                const unsigned __int128 expected = static_cast<unsigned __int128>(group.integerSums[a]);
                if (halves[0] != static_cast<unsigned long long>(expected) ||
                    halves[1] != static_cast<unsigned long long>(expected >> 64)) {
                    fail(name, what + " (SUM int64) differs");
                }
            } else if (aggregate.function == 1) {
                unsigned long long actual, expected;
                std::memcpy(&actual, result + 8 * o, 8);
                const double exact = group.floatSums[a].result();
                std::memcpy(&expected, &exact, 8);
                if (exact != exact) {
                    expected = 0x7ff8000000000000ULL;
                }
                if (actual != expected) {
                    double got;
                    std::memcpy(&got, &actual, 8);
                    char text[200];
                    std::snprintf(text, sizeof text, " (SUM floating): %.17g (%016llx), exact %.17g (%016llx)", got,
                                  actual, exact, expected);
                    fail(name, what + text);
                }
            } else {
                const long long key = group.extremes[a];
                const double asDouble = double_of_order_key(key);
                unsigned long long expected = 0, actual = 0;
                size_t width = 8;
                switch (aggregate.type) {
                    case INT32: expected = static_cast<unsigned>(static_cast<int>(key)); width = 4; break;
                    case INT64: expected = static_cast<unsigned long long>(key); break;
                    case FLOAT32: {
                        const float single = asDouble != asDouble ? std::nanf("") : static_cast<float>(asDouble);
                        unsigned bits;
                        std::memcpy(&bits, &single, 4);
                        expected = asDouble != asDouble ? 0x7fc00000u : bits;
                        width = 4;
                        break;
                    }
                    case FLOAT64: std::memcpy(&expected, &asDouble, 8); break;
                }
                std::memcpy(&actual, result + width * o, width);
                if (actual != expected) {
                    fail(name, what + (aggregate.function == 2 ? " (MIN)" : " (MAX)") + " differs");
                }
            }
        }
    }
    for (int c = 0; c < keyCount; ++c) {
        if (!guard_intact(keyOutputs[c], groupCount * keyWidths[c])) {
            fail(name, "written past key column " + std::to_string(c));
        }
    }
    for (int a = 0; a < aggregateCount; ++a) {
        if (!guard_intact(resultOutputs[a], groupCount * resultWidths[a])) {
            fail(name, "written past result column " + std::to_string(a));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hash_on_cpu FILE" << std::endl;
        return 2;
    }
    std::ifstream in(argv[1]);
    std::string header;
    int cases = 0;
    while (std::getline(in >> std::ws, header)) {
        std::istringstream line(header);
        std::string kind;
        line >> kind;
        if (kind == "join") {
            int bits, buildCount, probeCount;
            std::string shape;
            unsigned long long capacity, seed;
            line >> bits >> shape >> buildCount >> probeCount >> capacity >> seed;
            const std::string name = "join-" + std::to_string(bits) + "-" + shape + "-" + std::to_string(buildCount);
            if (bits == 32) {
                run_join<unsigned>(name, shape, buildCount, probeCount, capacity, seed);
            } else {
                run_join<unsigned long long>(name, shape, buildCount, probeCount, capacity, seed);
            }
        } else if (kind == "groupby") {
            run_group_by(in, header);
        } else {
            std::cout << "unknown case kind '" << kind << "'" << std::endl;
            return 2;
        }
        ++cases;
    }
    if (failures > 0) {
        std::cout << failures << " mismatches in " << cases << " cases" << std::endl;
        return 1;
    }
    std::cout << "all " << cases << " cases match" << std::endl;
    return 0;
}
