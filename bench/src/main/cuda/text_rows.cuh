// One row of CSV or NDJSON into typed columns, for the GPU text parser (text_parse.cu) and its host test. A row is a
// byte range of the whole text (line end and a '\r' before it excluded); its fields go to the columns the
// TextColumns describe (DeviceTextColumns.java lays them out). A row that does not fit is reported, never stored as
// a value: the first error of each bad row goes into ParseErrors (the smallest row, column and code win, so the
// report does not depend on the order threads ran in).
#pragma once

#include "text_fields.cuh"

// Column types; keep in step with DeviceTextColumns.java.
enum TextType : int {
    TEXT_INT32 = 1,
    TEXT_INT64 = 2,
    TEXT_DECIMAL64 = 3,  // unscaled int64
    TEXT_FLOAT64 = 4,
    TEXT_DATE = 5,       // int32 days since 1970-01-01
    TEXT_VARCHAR = 6,    // int64 offset of the value's first byte in the text, int32 length
};

constexpr int TEXT_MAX_COLUMNS = 16;
constexpr int TEXT_MAX_NAME_BYTES = 32;
// The column number of an error that belongs to the whole row (a blank line, an unknown key).
constexpr int TEXT_WHOLE_ROW = 255;

struct TextColumn {
    unsigned long long values;   // device address of the column's values (VARCHAR: int64 offsets)
    unsigned long long lengths;  // VARCHAR: device address of int32 lengths; else 0
    int type;                    // TextType
    int precision;               // DECIMAL64
    int scale;                   // DECIMAL64
    int nameLength;              // NDJSON key bytes
    char name[TEXT_MAX_NAME_BYTES];
};

struct TextColumns {
    TextColumn column[TEXT_MAX_COLUMNS];
    int count;
};

static_assert(sizeof(TextColumn) == 64, "DeviceTextColumns.java lays a column out in 64 bytes");
static_assert(sizeof(TextColumns) == 1032, "DeviceTextColumns.java lays the columns out in 1032 bytes");

// first: (row << 16) | (column << 8) | code of the smallest bad row, or all ones; count: bad rows found.
struct ParseErrors {
    unsigned long long first;
    unsigned long long count;
};

FORGE_HOST_DEVICE void text_report(ParseErrors* errors, long long row, int column, int code) {
    const unsigned long long packed = (static_cast<unsigned long long>(row) << 16)
            | (static_cast<unsigned long long>(column & 0xFF) << 8) | static_cast<unsigned long long>(code & 0xFF);
#ifdef __CUDA_ARCH__
    atomicMin(&errors->first, packed);
    atomicAdd(&errors->count, 1ULL);
#else
    unsigned long long seen = __atomic_load_n(&errors->first, __ATOMIC_RELAXED);
    while (packed < seen && !__atomic_compare_exchange_n(&errors->first, &seen, packed, false, __ATOMIC_RELAXED,
                                                         __ATOMIC_RELAXED)) {
    }
    __atomic_fetch_add(&errors->count, 1ULL, __ATOMIC_RELAXED);
#endif
}

// Parses field [start, end) of the text as column `c`'s type and stores it at `row`; returns a TextError.
FORGE_HOST_DEVICE int text_store_field(const unsigned char* text, long long start, long long end,
                                       const TextColumn& column, long long row) {
    const unsigned char* s = text + start;
    const long long n = end - start;
    if (n == 0) return TEXT_EMPTY_FIELD;
    switch (column.type) {
        case TEXT_INT32:
            return text_parse_int32(s, n, reinterpret_cast<int*>(column.values) + row);
        case TEXT_INT64:
            return text_parse_int64(s, n, reinterpret_cast<long long*>(column.values) + row);
        case TEXT_DECIMAL64:
            return text_parse_decimal(s, n, column.precision, column.scale,
                                      reinterpret_cast<long long*>(column.values) + row);
        case TEXT_FLOAT64:
            return text_parse_float64(s, n, reinterpret_cast<double*>(column.values) + row);
        case TEXT_DATE:
            return text_parse_date(s, n, reinterpret_cast<int*>(column.values) + row);
        case TEXT_VARCHAR:
            if (n > 2147483647LL) return TEXT_OUT_OF_RANGE;
            reinterpret_cast<long long*>(column.values)[row] = start;
            reinterpret_cast<int*>(column.lengths)[row] = static_cast<int>(n);
            return TEXT_OK;
        default:
            return TEXT_NOT_A_NUMBER;  // DeviceTextColumns admits no other type
    }
}

FORGE_HOST_DEVICE bool text_blank(const unsigned char* text, long long start, long long end) {
    for (long long at = start; at < end; ++at) {
        if (text[at] != ' ' && text[at] != '\t' && text[at] != '\r') return false;
    }
    return true;
}

// A CSV row without quoting: fields split at every comma, as many as there are columns. A quote anywhere is
// rejected (the GPU parser does not unquote; the CPU reader would), so a quoted comma can never split a field.
FORGE_HOST_DEVICE void text_parse_csv_row(const unsigned char* text, long long start, long long end, long long row,
                                          const TextColumns& columns, ParseErrors* errors) {
    if (text_blank(text, start, end)) {
        text_report(errors, row, TEXT_WHOLE_ROW, TEXT_BLANK_LINE);
        return;
    }
    long long at = start;
    for (int c = 0; c < columns.count; ++c) {
        const long long fieldStart = at;
        while (at < end && text[at] != ',') {
            if (text[at] == '"') {
                text_report(errors, row, c, TEXT_QUOTED_CSV_FIELD);
                return;
            }
            ++at;
        }
        const int status = text_store_field(text, fieldStart, at, columns.column[c], row);
        if (status != TEXT_OK) {
            text_report(errors, row, c, status);
            return;
        }
        const bool last = c == columns.count - 1;
        if (!last && at == end) {
            text_report(errors, row, c + 1, TEXT_MISSING_FIELD);
            return;
        }
        if (last && at < end) {
            text_report(errors, row, columns.count, TEXT_EXTRA_FIELD);
            return;
        }
        ++at;  // past the comma
    }
}

FORGE_HOST_DEVICE bool text_json_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; }

FORGE_HOST_DEVICE long long text_skip_space(const unsigned char* text, long long at, long long end) {
    while (at < end && text_json_space(text[at])) ++at;
    return at;
}

// The end of a JSON string whose opening quote is at `at` - 1: the index of the closing quote, or -1 when the line
// ends first, or -2 at a backslash (escapes are rejected: the values are views of the text, which cannot hold the
// unescaped bytes).
FORGE_HOST_DEVICE long long text_string_end(const unsigned char* text, long long at, long long end) {
    for (; at < end; ++at) {
        if (text[at] == '"') return at;
        if (text[at] == '\\') return -2;
    }
    return -1;
}

// An unquoted value NdjsonReader reads: true, false, or a run of number characters (which the column's type then
// parses; as VARCHAR it is the text as written).
FORGE_HOST_DEVICE bool text_json_scalar(const unsigned char* s, long long n) {
    if (n == 4 && s[0] == 't' && s[1] == 'r' && s[2] == 'u' && s[3] == 'e') return true;
    if (n == 5 && s[0] == 'f' && s[1] == 'a' && s[2] == 'l' && s[3] == 's' && s[4] == 'e') return true;
    for (long long i = 0; i < n; ++i) {
        const unsigned char c = s[i];
        if (!text_is_digit(c) && c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') return false;
    }
    return true;
}

FORGE_HOST_DEVICE int text_find_column(const unsigned char* key, long long length, const TextColumns& columns) {
    for (int c = 0; c < columns.count; ++c) {
        const TextColumn& column = columns.column[c];
        if (column.nameLength != length) continue;
        bool same = true;
        for (int i = 0; i < column.nameLength && same; ++i) same = key[i] == static_cast<unsigned char>(column.name[i]);
        if (same) return c;
    }
    return -1;
}

// One flat JSON object: each member's key names a column (in any order, each exactly once); a string value is its
// bytes between the quotes, any other value the token up to the next comma, brace or space, parsed by the column's
// type (as NdjsonReader converts a member's text). null, nested values and escapes are rejected.
FORGE_HOST_DEVICE void text_parse_ndjson_row(const unsigned char* text, long long start, long long end, long long row,
                                             const TextColumns& columns, ParseErrors* errors) {
    if (text_blank(text, start, end)) {
        text_report(errors, row, TEXT_WHOLE_ROW, TEXT_BLANK_LINE);
        return;
    }
    long long at = text_skip_space(text, start, end);
    if (at == end || text[at] != '{') {
        text_report(errors, row, TEXT_WHOLE_ROW, TEXT_JSON_SYNTAX);
        return;
    }
    at = text_skip_space(text, at + 1, end);
    unsigned int seen = 0;
    bool more = true;
    if (at < end && text[at] == '}') {  // the empty object
        ++at;
        more = false;
    }
    while (more) {
        if (at == end || text[at] != '"') {
            text_report(errors, row, TEXT_WHOLE_ROW, TEXT_JSON_SYNTAX);
            return;
        }
        const long long keyStart = at + 1;
        const long long keyEnd = text_string_end(text, keyStart, end);
        if (keyEnd < 0) {
            text_report(errors, row, TEXT_WHOLE_ROW, keyEnd == -2 ? TEXT_JSON_ESCAPE : TEXT_JSON_SYNTAX);
            return;
        }
        at = text_skip_space(text, keyEnd + 1, end);
        if (at == end || text[at] != ':') {
            text_report(errors, row, TEXT_WHOLE_ROW, TEXT_JSON_SYNTAX);
            return;
        }
        at = text_skip_space(text, at + 1, end);
        const int c = text_find_column(text + keyStart, keyEnd - keyStart, columns);
        if (c < 0) {
            text_report(errors, row, TEXT_WHOLE_ROW, TEXT_UNKNOWN_KEY);
            return;
        }
        if (seen & (1u << c)) {
            text_report(errors, row, c, TEXT_DUPLICATE_KEY);
            return;
        }
        seen |= 1u << c;
        long long valueStart = at;
        long long valueEnd;
        if (at < end && text[at] == '"') {
            valueStart = at + 1;
            valueEnd = text_string_end(text, valueStart, end);
            if (valueEnd < 0) {
                text_report(errors, row, c, valueEnd == -2 ? TEXT_JSON_ESCAPE : TEXT_JSON_SYNTAX);
                return;
            }
            at = valueEnd + 1;
        } else {
            while (at < end && text[at] != ',' && text[at] != '}' && !text_json_space(text[at])) ++at;
            valueEnd = at;
            const long long n = valueEnd - valueStart;
            if (n > 0 && (text[valueStart] == '{' || text[valueStart] == '[')) {
                text_report(errors, row, c, TEXT_NESTED_VALUE);
                return;
            }
            if (n == 4 && text[valueStart] == 'n' && text[valueStart + 1] == 'u' && text[valueStart + 2] == 'l'
                    && text[valueStart + 3] == 'l') {
                text_report(errors, row, c, TEXT_JSON_NULL);
                return;
            }
            if (n == 0 || !text_json_scalar(text + valueStart, n)) {
                text_report(errors, row, c, TEXT_JSON_SYNTAX);
                return;
            }
        }
        const int status = text_store_field(text, valueStart, valueEnd, columns.column[c], row);
        if (status != TEXT_OK) {
            text_report(errors, row, c, status);
            return;
        }
        at = text_skip_space(text, at, end);
        if (at < end && text[at] == ',') {
            at = text_skip_space(text, at + 1, end);
            continue;
        }
        if (at < end && text[at] == '}') {
            ++at;
            more = false;
            continue;
        }
        text_report(errors, row, TEXT_WHOLE_ROW, TEXT_JSON_SYNTAX);
        return;
    }
    if (text_skip_space(text, at, end) != end) {
        text_report(errors, row, TEXT_WHOLE_ROW, TEXT_JSON_SYNTAX);
        return;
    }
    for (int c = 0; c < columns.count; ++c) {
        if (!(seen & (1u << c))) {
            text_report(errors, row, c, TEXT_MISSING_FIELD);
            return;
        }
    }
}
