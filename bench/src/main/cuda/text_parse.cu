// CSV and NDJSON text into typed columns on the GPU, launched by GpuTextParser.java, in four steps on one stream:
//   1. text_count_line_ends: each thread counts the line ends ('\n') of its 256-byte segments;
//   2. (GpuScan) an exclusive prefix sum of those counts: each segment's first line number;
//   3. text_write_line_ends: each thread writes the positions of its segments' line ends from there, in order;
//      text_finish_rows: the row count (a last line without '\n' is a row too);
//   4. text_parse_csv / text_parse_ndjson: one thread per row parses its fields (text_rows.cuh) into the columns a
//      TextColumns in device memory describes (read by every thread, so it stays in cache).
// Bad rows are counted and the first one named in ParseErrors; nothing waits on the host.
#include "text_rows.cuh"

constexpr long long SEGMENT_BYTES = 256;
constexpr int SEGMENT_VECTORS = SEGMENT_BYTES / 16;

// How many bytes of a 32-bit word are '\n': a byte's high bit ends up set exactly where the byte was '\n' (no borrow
// crosses bytes, unlike the shorter has-zero-byte test).
__device__ __forceinline__ int newlines_in_word(unsigned int word) {
    const unsigned int x = word ^ 0x0A0A0A0Au;
    const unsigned int nonZeroLow = (x & 0x7F7F7F7Fu) + 0x7F7F7F7Fu;
    return __popc(~(nonZeroLow | x | 0x7F7F7F7Fu));
}

__device__ __forceinline__ long long grid_thread() {
    return static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long grid_threads() { return static_cast<long long>(gridDim.x) * blockDim.x; }

// counts[s] = the '\n' bytes in [s * 256, min((s + 1) * 256, bytes)). The text starts 16-byte aligned (device
// allocations are), so whole segments are read as 16-byte vectors.
extern "C" __global__ void text_count_line_ends(const unsigned char* text, long long bytes, long long* counts) {
    const long long segments = (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
    for (long long s = grid_thread(); s < segments; s += grid_threads()) {
        const long long begin = s * SEGMENT_BYTES;
        int count = 0;
        if (begin + SEGMENT_BYTES <= bytes) {
            const uint4* vectors = reinterpret_cast<const uint4*>(text + begin);
#pragma unroll 4
            for (int v = 0; v < SEGMENT_VECTORS; ++v) {
                const uint4 four = vectors[v];
                count += newlines_in_word(four.x) + newlines_in_word(four.y) + newlines_in_word(four.z)
                        + newlines_in_word(four.w);
            }
        } else {
            for (long long at = begin; at < bytes; ++at) count += text[at] == '\n';
        }
        counts[s] = count;
    }
}

// lineEnds[firstLine[s] + k] = the position of segment s's k-th '\n'. A line end past the capacity is reported
// (TEXT_TOO_MANY_LINES at its line number), never written.
extern "C" __global__ void text_write_line_ends(const unsigned char* text, long long bytes,
                                                const long long* firstLine, long long* lineEnds, long long capacity,
                                                ParseErrors* errors) {
    const long long segments = (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
    for (long long s = grid_thread(); s < segments; s += grid_threads()) {
        const long long begin = s * SEGMENT_BYTES;
        const long long stop = begin + SEGMENT_BYTES < bytes ? begin + SEGMENT_BYTES : bytes;
        long long line = firstLine[s];
        for (long long at = begin; at < stop; ++at) {
            if (text[at] != '\n') continue;
            if (line < capacity) {
                lineEnds[line] = at;
            } else {
                text_report(errors, line, TEXT_WHOLE_ROW, TEXT_TOO_MANY_LINES);
            }
            ++line;
        }
    }
}

// One thread. rowInfo = {rows to parse, line ends stored, rows found}: rows found counts a last line without '\n';
// the rows parsed stop at the capacity (beyond it the text was already reported).
extern "C" __global__ void text_finish_rows(const unsigned char* text, long long bytes, const long long* firstLine,
                                            const long long* counts, long long capacity, long long* rowInfo,
                                            ParseErrors* errors) {
    const long long segments = (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
    const long long lineEnds = segments == 0 ? 0 : firstLine[segments - 1] + counts[segments - 1];
    const long long rows = lineEnds + (bytes > 0 && text[bytes - 1] != '\n' ? 1 : 0);
    if (rows > capacity && lineEnds <= capacity) {
        text_report(errors, capacity, TEXT_WHOLE_ROW, TEXT_TOO_MANY_LINES);  // only the unterminated last line
    }
    rowInfo[0] = rows < capacity ? rows : capacity;
    rowInfo[1] = lineEnds < capacity ? lineEnds : capacity;
    rowInfo[2] = rows;
}

// Row r spans from after line end r - 1 to line end r (or the end of the text), less a '\r' before its '\n'.
__device__ __forceinline__ void row_range(const unsigned char* text, long long bytes, const long long* lineEnds,
                                          long long stored, long long row, long long* start, long long* end) {
    *start = row == 0 ? 0 : lineEnds[row - 1] + 1;
    *end = row < stored ? lineEnds[row] : bytes;
    if (*end > *start && text[*end - 1] == '\r') --*end;
}

// The CPU readers skip a UTF-8 byte order mark; this parser rejects it rather than read it into the first value.
__device__ __forceinline__ bool starts_with_byte_order_mark(const unsigned char* text, long long bytes) {
    return bytes >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF;
}

// Each thread parses rows a grid apart, as CSV or as NDJSON.
template <bool NDJSON>
__device__ __forceinline__ void parse_rows(const unsigned char* text, long long bytes, const long long* lineEnds,
                                           const long long* rowInfo, const TextColumns* columns,
                                           ParseErrors* errors) {
    const long long rows = rowInfo[0];
    const long long stored = rowInfo[1];
    for (long long row = grid_thread(); row < rows; row += grid_threads()) {
        if (row == 0 && starts_with_byte_order_mark(text, bytes)) {
            text_report(errors, 0, TEXT_WHOLE_ROW, TEXT_BYTE_ORDER_MARK);
            continue;
        }
        long long start;
        long long end;
        row_range(text, bytes, lineEnds, stored, row, &start, &end);
        if (NDJSON) {
            text_parse_ndjson_row(text, start, end, row, *columns, errors);
        } else {
            text_parse_csv_row(text, start, end, row, *columns, errors);
        }
    }
}

extern "C" __global__ void text_parse_csv(const unsigned char* text, long long bytes, const long long* lineEnds,
                                          const long long* rowInfo, const TextColumns* columns, ParseErrors* errors) {
    parse_rows<false>(text, bytes, lineEnds, rowInfo, columns, errors);
}

extern "C" __global__ void text_parse_ndjson(const unsigned char* text, long long bytes, const long long* lineEnds,
                                             const long long* rowInfo, const TextColumns* columns,
                                             ParseErrors* errors) {
    parse_rows<true>(text, bytes, lineEnds, rowInfo, columns, errors);
}
