// Runs the GPU text parser's CUDA source (src/main/cuda/text_parse.cu and its headers) on the CPU, for
// TextParseEmulationTest, on machines without a GPU. Built by g++ against columnar's cuda_on_cpu.h (each CUDA thread
// a fiber, blocks one after another) with AddressSanitizer and UndefinedBehaviorSanitizer. GpuScan's prefix sum is
// stood in for by a host loop. Two modes:
//   text_parse_on_cpu fields CASES      each line "TYPE PRECISION SCALE TEXT" (TYPE int32, int64, decimal, float64
//                                       or date) is parsed by text_fields.cuh; prints "CODE VALUE" per line (VALUE an
//                                       integer, float64 bits as 0x + 16 hex digits, or - after an error)
//   text_parse_on_cpu rows FORMAT TEXT LAYOUT CAPACITY GRID BLOCK OUT
//                                       runs the kernels over the text file as GpuTextParser launches them, into the
//                                       columns a DeviceTextColumns layout (its addresses ignored) describes, and
//                                       writes OUT/values-C.bin, OUT/lengths-C.bin, OUT/row-info.bin, OUT/errors.bin
#define __host__
#include "cuda_on_cpu.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

struct uint4 {
    unsigned int x, y, z, w;
};

inline int __popc(unsigned int value) { return __builtin_popcount(value); }

#include "text_parse.cu"

namespace {

std::vector<unsigned char> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(2);
    }
    return std::vector<unsigned char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const void* bytes, size_t size) {
    std::ofstream out(path, std::ios::binary);
    out.write(static_cast<const char*>(bytes), static_cast<std::streamsize>(size));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(2);
    }
}

int fields(const std::string& casesPath) {
    std::ifstream in(casesPath);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string type;
        int precision = 0;
        int scale = 0;
        words >> type >> precision >> scale;
        // the text is everything after the third space, kept exactly (it may hold spaces or be empty)
        size_t at = 0;
        for (int spaces = 0; spaces < 3 && at != std::string::npos; ++spaces) {
            at = line.find(' ', at);
            if (at != std::string::npos) ++at;
        }
        const std::string text = at == std::string::npos ? std::string() : line.substr(at);
        const auto* s = reinterpret_cast<const unsigned char*>(text.data());
        const long long n = static_cast<long long>(text.size());
        int code = TEXT_OK;
        char value[64] = "-";
        if (type == "int32") {
            int v = 0;
            code = text_parse_int32(s, n, &v);
            if (code == TEXT_OK) std::snprintf(value, sizeof value, "%d", v);
        } else if (type == "int64" || type == "decimal") {
            long long v = 0;
            code = type == "int64" ? text_parse_int64(s, n, &v) : text_parse_decimal(s, n, precision, scale, &v);
            if (code == TEXT_OK) std::snprintf(value, sizeof value, "%lld", v);
        } else if (type == "float64") {
            double v = 0;
            code = text_parse_float64(s, n, &v);
            unsigned long long bits = 0;
            std::memcpy(&bits, &v, sizeof bits);
            if (code == TEXT_OK) std::snprintf(value, sizeof value, "0x%016llx", bits);
        } else if (type == "date") {
            int v = 0;
            code = text_parse_date(s, n, &v);
            if (code == TEXT_OK) std::snprintf(value, sizeof value, "%d", v);
        } else {
            std::fprintf(stderr, "unknown field type '%s'\n", type.c_str());
            return 2;
        }
        std::printf("%d %s\n", code, value);
    }
    return 0;
}

long long row_bytes(int type) {
    return type == TEXT_INT32 || type == TEXT_DATE ? 4 : 8;
}

int rows(const std::string& format, const std::string& textPath, const std::string& layoutPath,
         long long capacity, unsigned grid, unsigned block, const std::string& out) {
    const std::vector<unsigned char> file = read_file(textPath);
    const long long bytes = static_cast<long long>(file.size());
    // 16-byte aligned, as device allocations are (the count kernel reads 16-byte vectors)
    std::vector<uint4> storage((file.size() + 15) / 16 + 1);
    auto* text = reinterpret_cast<unsigned char*>(storage.data());
    std::memcpy(text, file.data(), file.size());

    const std::vector<unsigned char> layout = read_file(layoutPath);
    if (layout.size() != sizeof(TextColumns)) {
        std::fprintf(stderr, "the layout has %zu bytes, TextColumns %zu\n", layout.size(), sizeof(TextColumns));
        return 2;
    }
    TextColumns columns;
    std::memcpy(&columns, layout.data(), sizeof columns);
    std::vector<std::vector<unsigned char>> values(columns.count);
    std::vector<std::vector<unsigned char>> lengths(columns.count);
    for (int c = 0; c < columns.count; ++c) {
        values[c].assign(capacity * row_bytes(columns.column[c].type), 0xA5);  // poison, as the GPU test does
        columns.column[c].values = reinterpret_cast<unsigned long long>(values[c].data());
        if (columns.column[c].type == TEXT_VARCHAR) {
            lengths[c].assign(capacity * 4, 0xA5);
            columns.column[c].lengths = reinterpret_cast<unsigned long long>(lengths[c].data());
        }
    }

    ParseErrors errors{~0ULL, 0};
    const long long segments = (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
    std::vector<long long> counts(segments > 0 ? segments : 1, -1);
    std::vector<long long> firstLines(counts.size(), -1);
    std::vector<long long> lineEnds(capacity, -1);
    long long rowInfo[3] = {-1, -1, -1};
    if (segments > 0) {
        launch_on_cpu(grid, block, [&] { text_count_line_ends(text, bytes, counts.data()); });
        long long sum = 0;
        for (long long s = 0; s < segments; ++s) {
            firstLines[s] = sum;
            sum += counts[s];
        }
        launch_on_cpu(grid, block, [&] {
            text_write_line_ends(text, bytes, firstLines.data(), lineEnds.data(), capacity, &errors);
        });
    }
    launch_on_cpu(1, 1, [&] {
        text_finish_rows(text, bytes, firstLines.data(), counts.data(), capacity, rowInfo, &errors);
    });
    if (format == "csv") {
        launch_on_cpu(grid, block, [&] {
            text_parse_csv(text, bytes, lineEnds.data(), rowInfo, &columns, &errors);
        });
    } else if (format == "ndjson") {
        launch_on_cpu(grid, block, [&] {
            text_parse_ndjson(text, bytes, lineEnds.data(), rowInfo, &columns, &errors);
        });
    } else {
        std::fprintf(stderr, "unknown format '%s'\n", format.c_str());
        return 2;
    }
    for (int c = 0; c < columns.count; ++c) {
        write_file(out + "/values-" + std::to_string(c) + ".bin", values[c].data(), values[c].size());
        if (!lengths[c].empty()) {
            write_file(out + "/lengths-" + std::to_string(c) + ".bin", lengths[c].data(), lengths[c].size());
        }
    }
    write_file(out + "/row-info.bin", rowInfo, sizeof rowInfo);
    write_file(out + "/errors.bin", &errors, sizeof errors);
    std::printf("rows %lld\n", rowInfo[2]);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "fields") return fields(argv[2]);
    if (argc == 9 && std::string(argv[1]) == "rows") {
        return rows(argv[2], argv[3], argv[4], std::atoll(argv[5]), static_cast<unsigned>(std::atoi(argv[6])),
                    static_cast<unsigned>(std::atoi(argv[7])), argv[8]);
    }
    std::fprintf(stderr, "usage: text_parse_on_cpu fields CASES | rows FORMAT TEXT LAYOUT CAPACITY GRID BLOCK OUT\n");
    return 2;
}
