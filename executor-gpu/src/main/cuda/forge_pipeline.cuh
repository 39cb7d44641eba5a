// Block-level building blocks of the query kernels that dev.forge.executor.gpu.codegen generates: tile loads, exact
// arithmetic that reports overflow instead of wrapping, the calendar, order-preserving encodings for MIN/MAX, block
// reductions, the block prefix sum for compaction, and the global group table. Generated kernels include this file
// and read like Crystal's: load a tile, evaluate predicates into flags, compute, aggregate or compact.
#pragma once

typedef long long i64;
typedef unsigned long long u64;
typedef __int128 i128;
typedef unsigned __int128 u128;

#define FORGE_BLOCK_THREADS 256
#define FORGE_ITEMS_PER_THREAD 4
#define FORGE_TILE_ROWS (FORGE_BLOCK_THREADS * FORGE_ITEMS_PER_THREAD)

// Error codes a kernel reports in its status word; the host re-runs the query on the CPU, which names the error.
#define FORGE_ERROR_ARITHMETIC 1
#define FORGE_ERROR_GROUP_TABLE_FULL 2
// A DECIMAL(p > 18) value outside 64 bits reached a MIN/MAX or group key, which the GPU keeps in 64-bit words.
#define FORGE_ERROR_WIDE_VALUE 3

__device__ __forceinline__ void forge_raise(int* status, int code) {
    atomicCAS(status, 0, code);
}

// ---- loads: row `row` of a column; validity bitmaps are 32-bit words, least significant bit first ----

__device__ __forceinline__ bool forge_bit(const unsigned int* __restrict__ bits, i64 row) {
    return (bits[row >> 5] >> (row & 31)) & 1u;
}

__device__ __forceinline__ bool forge_valid(const unsigned int* __restrict__ validity, i64 row) {
    return validity == nullptr || forge_bit(validity, row);
}

// ---- exact integer arithmetic: the result, and `overflow` set when it does not fit ----

__device__ __forceinline__ i64 forge_add_i64(i64 a, i64 b, bool& overflow) {
    i64 r = (i64)((u64)a + (u64)b);
    overflow |= ((a ^ r) & (b ^ r)) < 0;
    return r;
}

__device__ __forceinline__ i64 forge_sub_i64(i64 a, i64 b, bool& overflow) {
    i64 r = (i64)((u64)a - (u64)b);
    overflow |= ((a ^ b) & (a ^ r)) < 0;
    return r;
}

__device__ __forceinline__ i64 forge_mul_i64(i64 a, i64 b, bool& overflow) {
    i128 r = (i128)a * (i128)b;
    overflow |= r > (i128)9223372036854775807LL || r < -(i128)9223372036854775807LL - 1;
    return (i64)r;
}

__device__ __forceinline__ i64 forge_div_i64(i64 a, i64 b, bool& overflow) {
    if (b == 0 || (b == -1 && a == (-9223372036854775807LL - 1))) {
        overflow = true;
        return 0;
    }
    return a / b; // C++ truncates toward zero, as the plan says
}

__device__ __forceinline__ i64 forge_mod_i64(i64 a, i64 b, bool& overflow) {
    if (b == 0) {
        overflow = true;
        return 0;
    }
    return b == -1 ? 0 : a % b; // the sign of the dividend, as SQL's MOD
}

__device__ __forceinline__ int forge_narrow_i32(i64 v, bool& overflow) {
    overflow |= v > 2147483647LL || v < -2147483648LL;
    return (int)v;
}

// ---- 128-bit decimals: unscaled values; powers of ten up to 10^38 ----

__device__ __forceinline__ i128 forge_pow10(int exponent) {
    i128 r = 1;
    for (int i = 0; i < exponent; ++i) {
        r *= 10;
    }
    return r;
}

__device__ __forceinline__ u128 forge_magnitude(i128 v) {
    return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

// a + b where both are below 2^126 in magnitude can never overflow 128 bits.
__device__ __forceinline__ i128 forge_add_i128(i128 a, i128 b, bool& overflow) {
    const u128 limit = (u128)1 << 126;
    overflow |= forge_magnitude(a) >= limit || forge_magnitude(b) >= limit;
    return (i128)((u128)a + (u128)b);
}

// a * b where both are below 2^63 in magnitude fits 126 bits; larger operands are reported, and the CPU (which
// falls back to BigDecimal) answers instead.
__device__ __forceinline__ i128 forge_mul_i128(i128 a, i128 b, bool& overflow) {
    const u128 limit = (u128)1 << 63;
    overflow |= forge_magnitude(a) >= limit || forge_magnitude(b) >= limit;
    return (i128)((u128)a * (u128)b);
}

// v * 10^exponent, reported when the result could leave 126 bits.
__device__ __forceinline__ i128 forge_scale_up(i128 v, int exponent, bool& overflow) {
    if (exponent == 0) {
        return v;
    }
    overflow |= exponent > 38 || forge_magnitude(v) >= ((u128)1 << 126) / (u128)forge_pow10(exponent);
    return v * forge_pow10(exponent);
}

// v / d rounded half away from zero (d > 0 or < 0, never 0).
__device__ __forceinline__ i128 forge_divide_rounded(i128 v, i128 d) {
    i128 q = v / d;
    u128 r = forge_magnitude(v % d);
    if (r * 2 >= forge_magnitude(d)) {
        q += ((v < 0) != (d < 0)) ? -1 : 1;
    }
    return q;
}

// Changes the scale of an unscaled decimal, rounding half away from zero when digits are dropped.
__device__ __forceinline__ i128 forge_rescale(i128 v, int from_scale, int to_scale, bool& overflow) {
    if (to_scale >= from_scale) {
        return forge_scale_up(v, to_scale - from_scale, overflow);
    }
    int drop = from_scale - to_scale;
    if (drop > 38) {
        return 0;
    }
    return forge_divide_rounded(v, forge_pow10(drop));
}

// Reports a decimal that needs more than `precision` digits.
__device__ __forceinline__ i128 forge_check_precision(i128 v, int precision, bool& overflow) {
    overflow |= forge_magnitude(v) >= (u128)forge_pow10(precision);
    return v;
}

// ---- floats: NaN equals NaN and sorts above everything; -0.0 equals 0.0 ----

__device__ __forceinline__ int forge_compare_double(double a, double b) {
    bool a_nan = a != a;
    bool b_nan = b != b;
    if (a_nan || b_nan) {
        return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
    }
    return a < b ? -1 : (a > b ? 1 : 0);
}

__device__ __forceinline__ double forge_round_half_away(double v) {
    return round(v); // CUDA's round() rounds halfway cases away from zero
}

// ---- MIN and MAX as the maximum of an order-preserving unsigned encoding, so 0 is the identity ----

__device__ __forceinline__ u64 forge_order_i64(i64 v) {
    return (u64)v ^ 0x8000000000000000ULL;
}

__device__ __forceinline__ u64 forge_order_double(double v) {
    if (v != v) {
        v = __longlong_as_double(0x7ff8000000000000LL); // one NaN, above +infinity
    }
    if (v == 0.0) {
        v = 0.0; // -0.0 orders as 0.0
    }
    u64 bits = (u64)__double_as_longlong(v);
    return (bits & 0x8000000000000000ULL) ? ~bits : bits | 0x8000000000000000ULL;
}

// ---- calendar: days since 1970-01-01 <-> proleptic Gregorian civil dates ----

__device__ __forceinline__ i64 forge_floor_div(i64 a, i64 b) {
    i64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct forge_civil {
    i64 year;
    int month;
    int day;
};

__device__ __forceinline__ forge_civil forge_civil_from_days(i64 days) {
    days += 719468;
    const i64 era = forge_floor_div(days, 146097);
    const i64 day_of_era = days - era * 146097;
    const i64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const i64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const i64 month_index = (5 * day_of_year + 2) / 153;
    forge_civil civil;
    civil.day = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
    civil.month = (int)(month_index < 10 ? month_index + 3 : month_index - 9);
    civil.year = year_of_era + era * 400 + (civil.month <= 2 ? 1 : 0);
    return civil;
}

__device__ __forceinline__ i64 forge_days_from_civil(i64 year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const i64 era = forge_floor_div(year, 400);
    const i64 year_of_era = year - era * 400;
    const i64 day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const i64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

__device__ __forceinline__ bool forge_is_leap_year(i64 year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

__device__ __forceinline__ int forge_days_in_month(i64 year, int month) {
    const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && forge_is_leap_year(year) ? 29 : days[month - 1];
}

__device__ __forceinline__ i64 forge_day_of_year(i64 days) {
    forge_civil civil = forge_civil_from_days(days);
    return days - forge_days_from_civil(civil.year, 1, 1) + 1;
}

// Sunday = 0 ... Saturday = 6; 1970-01-01 was a Thursday.
__device__ __forceinline__ i64 forge_day_of_week(i64 days) {
    i64 r = (days + 4) % 7;
    return r < 0 ? r + 7 : r;
}

__device__ __forceinline__ i64 forge_add_months(i64 days, i64 months, bool& overflow) {
    forge_civil civil = forge_civil_from_days(days);
    i64 month_index = civil.year * 12 + (civil.month - 1) + months;
    i64 year = forge_floor_div(month_index, 12);
    int month = (int)(month_index - year * 12) + 1;
    int last = forge_days_in_month(year, month);
    overflow |= year > 5000000 || year < -5000000;
    return forge_days_from_civil(year, month, civil.day < last ? civil.day : last);
}

#define FORGE_MICROS_PER_DAY 86400000000LL

// ---- block reductions in a fixed order (warp shuffles, then the first warp), result in thread 0 ----

__device__ __forceinline__ u64 forge_shuffle_down(u64 v, int delta) {
    return __shfl_down_sync(0xffffffffu, v, delta);
}

__device__ __forceinline__ double forge_shuffle_down(double v, int delta) {
    return __shfl_down_sync(0xffffffffu, v, delta);
}

struct forge_sum128 {
    u64 low;
    u64 high;
};

__device__ __forceinline__ forge_sum128 forge_sum128_add(forge_sum128 a, forge_sum128 b) {
    forge_sum128 r;
    r.low = a.low + b.low;
    r.high = a.high + b.high + (r.low < a.low ? 1ULL : 0ULL);
    return r;
}

__device__ __forceinline__ forge_sum128 forge_sum128_of(i128 v) {
    forge_sum128 r;
    r.low = (u64)v;
    r.high = (u64)(v >> 64);
    return r;
}

__device__ __forceinline__ forge_sum128 forge_shuffle_down(forge_sum128 v, int delta) {
    forge_sum128 r;
    r.low = __shfl_down_sync(0xffffffffu, v.low, delta);
    r.high = __shfl_down_sync(0xffffffffu, v.high, delta);
    return r;
}

struct forge_add_op {
    __device__ __forceinline__ u64 operator()(u64 a, u64 b) const { return a + b; }
    __device__ __forceinline__ double operator()(double a, double b) const { return a + b; }
    __device__ __forceinline__ forge_sum128 operator()(forge_sum128 a, forge_sum128 b) const {
        return forge_sum128_add(a, b);
    }
};

struct forge_max_op {
    __device__ __forceinline__ u64 operator()(u64 a, u64 b) const { return a > b ? a : b; }
};

// `scratch` is shared memory for one value per warp; the block must reach this call together.
template <typename T, typename Op>
__device__ __forceinline__ T forge_block_reduce(T value, T* scratch, Op op) {
    constexpr int WARPS = FORGE_BLOCK_THREADS / 32;
    const int lane = threadIdx.x % 32;
    const int warp = threadIdx.x / 32;
#pragma unroll
    for (int delta = 16; delta > 0; delta /= 2) {
        value = op(value, forge_shuffle_down(value, delta));
    }
    __syncthreads(); // scratch may still be read by the previous reduction
    if (lane == 0) {
        scratch[warp] = value;
    }
    __syncthreads();
    if (warp == 0) {
        value = scratch[lane < WARPS ? lane : 0];
#pragma unroll
        for (int delta = 16; delta > 0; delta /= 2) {
            T other = forge_shuffle_down(value, delta);
            if (lane + delta < WARPS) {
                value = op(value, other);
            }
        }
    }
    return value;
}

// ---- block-wide exclusive prefix sum of small counts; also returns the block's total ----

__device__ __forceinline__ int forge_block_exclusive_sum(int value, int* scratch, int& total) {
    constexpr int WARPS = FORGE_BLOCK_THREADS / 32;
    const int lane = threadIdx.x % 32;
    const int warp = threadIdx.x / 32;
    int inclusive = value;
#pragma unroll
    for (int delta = 1; delta < 32; delta *= 2) {
        int other = __shfl_up_sync(0xffffffffu, inclusive, delta);
        if (lane >= delta) {
            inclusive += other;
        }
    }
    __syncthreads();
    if (lane == 31) {
        scratch[warp] = inclusive;
    }
    __syncthreads();
    int warp_offset = 0;
    total = 0;
#pragma unroll
    for (int w = 0; w < WARPS; ++w) {
        int count = scratch[w];
        warp_offset += w < warp ? count : 0;
        total += count;
    }
    return warp_offset + inclusive - value;
}

// ---- the global group table: open addressing with linear probing over 64-bit words, one column per array ----
// Column 0 holds slot states (0 empty, 1 being claimed, 2 full); key and aggregate columns follow, each `capacity`
// words. Everything starts at zero, which is why MIN and MAX use the encodings above.

#define FORGE_SLOT_EMPTY 0ULL
#define FORGE_SLOT_CLAIMED 1ULL
#define FORGE_SLOT_FULL 2ULL

__device__ __forceinline__ u64 forge_hash_mix(u64 h, u64 word) {
    h ^= word + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

template <int KEY_WORDS>
__device__ __forceinline__ u64 forge_group_hash(const u64 (&key)[KEY_WORDS]) {
    u64 hash = 0x2545f4914f6cdd1dULL;
#pragma unroll
    for (int k = 0; k < KEY_WORDS; ++k) {
        hash = forge_hash_mix(hash, key[k]);
    }
    return hash;
}

// One probe of a group table: claims `slot` for the key if it is empty, else waits until its key is written and
// compares it; true when the slot is (now) the key's. BLOCK_SCOPE: a block's shared table, whose other users are the
// block's threads, so a block fence suffices.
template <int KEY_WORDS, bool BLOCK_SCOPE>
__device__ __forceinline__ bool forge_group_slot_holds(u64* table, i64 capacity, i64 slot,
                                                       const u64 (&key)[KEY_WORDS]) {
    volatile u64* state = table + slot;
    u64 seen = *state;
    if (seen == FORGE_SLOT_EMPTY) {
        seen = atomicCAS((u64*)state, FORGE_SLOT_EMPTY, FORGE_SLOT_CLAIMED);
        if (seen == FORGE_SLOT_EMPTY) {
#pragma unroll
            for (int k = 0; k < KEY_WORDS; ++k) {
                table[(i64)(k + 1) * capacity + slot] = key[k];
            }
            if (BLOCK_SCOPE) {
                __threadfence_block();
            } else {
                __threadfence();
            }
            atomicExch((u64*)state, FORGE_SLOT_FULL);
            return true;
        }
    }
    while (seen == FORGE_SLOT_CLAIMED) { // another thread is writing this slot's key: wait for it
        seen = *state;
    }
    if (BLOCK_SCOPE) {
        __threadfence_block();
    } else {
        __threadfence();
    }
    bool same = true;
#pragma unroll
    for (int k = 0; k < KEY_WORDS; ++k) {
        same &= ((volatile u64*)table)[(i64)(k + 1) * capacity + slot] == key[k];
    }
    return same;
}

// Finds or claims the slot of a key of KEY_WORDS words whose forge_group_hash is `hash`; returns -1 (and reports)
// when every slot is taken.
template <int KEY_WORDS>
__device__ __forceinline__ i64 forge_group_slot(u64* __restrict__ table, i64 capacity, const u64 (&key)[KEY_WORDS],
                                                u64 hash, int* status) {
    const u64 mask = (u64)capacity - 1; // capacity is a power of two
    u64 slot = hash & mask;
    for (i64 probe = 0; probe < capacity; ++probe, slot = (slot + 1) & mask) {
        if (forge_group_slot_holds<KEY_WORDS, false>(table, capacity, (i64)slot, key)) {
            return (i64)slot;
        }
    }
    forge_raise(status, FORGE_ERROR_GROUP_TABLE_FULL);
    return -1;
}

template <int KEY_WORDS>
__device__ __forceinline__ i64 forge_group_slot(u64* __restrict__ table, i64 capacity, const u64 (&key)[KEY_WORDS],
                                                int* status) {
    return forge_group_slot<KEY_WORDS>(table, capacity, key, forge_group_hash<KEY_WORDS>(key), status);
}

// ---- a block's own group table in shared memory, for pre-aggregation where groups are few ----
// The same column layout and slot states as the global table, SLOTS slots (a power of two). Rows of a group found or
// claimed here are aggregated with shared-memory atomics, and the block adds each of its groups to the global table
// once, at its end: with a handful of groups, every row of the grid would otherwise contend for the same few global
// words. A key that finds no room within FORGE_LOCAL_PROBES slots gets -1 and goes to the global table; merging
// both is exact, so a group may have rows in either.

#define FORGE_LOCAL_PROBES 8
// Rows a block sends to the global table because its shared one had no room, before it stops trying the shared one:
// with many groups the shared table fills at once and probing it is wasted work.
#define FORGE_LOCAL_MISS_LIMIT 1024

template <int KEY_WORDS, int SLOTS>
__device__ __forceinline__ int forge_local_group_slot(u64* table, const u64 (&key)[KEY_WORDS], u64 hash) {
    int slot = (int)(hash & (u64)(SLOTS - 1));
    for (int probe = 0; probe < FORGE_LOCAL_PROBES; ++probe, slot = (slot + 1) & (SLOTS - 1)) {
        if (forge_group_slot_holds<KEY_WORDS, true>(table, SLOTS, slot, key)) {
            return slot;
        }
    }
    return -1;
}

// ---- warp-level aggregation: the lanes of a warp whose rows belong to the same group combine them first ----
// Without it, every lane of a warp adds to one of a handful of shared words, and same-address atomics serialise.
// forge_peers_of takes the lanes that share this lane's group (__match_any_sync over the slot) and plans a tree over
// them by rank: at step s, a lane of rank r, r a multiple of 2^(s+1), adds the partial of the peer of rank r + 2^s.
// After five steps the peer of rank 0 (the leader) holds the group's total and does the atomics alone. Every lane of
// the warp must take part in each shuffle, so the caller is converged (all 32 lanes).

struct forge_peers {
    int from[5]; // the lane whose partial this lane adds at each step, or -1
    bool leader;
};

__device__ __forceinline__ forge_peers forge_peers_of(unsigned peers) {
    forge_peers plan;
    const int lane = threadIdx.x % 32;
    const int rank = __popc(peers & ((1u << lane) - 1u));
    unsigned above = peers & ~((2u << lane) - 1u); // peers of higher lanes; none for lane 31 (2u << 31 is 0)
    int skipped = 0;
#pragma unroll
    for (int step = 0; step < 5; ++step) {
        const int distance = 1 << step;
        while (skipped < distance - 1 && above != 0) { // drop the lowest peers until the next is `distance` ranks up
            above &= above - 1u;
            ++skipped;
        }
        plan.from[step] = (rank % (2 * distance) == 0 && above != 0) ? __ffs(above) - 1 : -1;
    }
    plan.leader = rank == 0;
    return plan;
}

__device__ __forceinline__ u64 forge_shuffle_from(u64 v, int lane) { return __shfl_sync(0xffffffffu, v, lane); }

// The output position of this lane's row where `has_row`, for rows of a converged warp (every lane calls it): one
// atomic per warp takes the positions of all its rows, where one per row would queue every row of the grid on `count`.
__device__ __forceinline__ u64 forge_warp_claim(u64* count, bool has_row) {
    const unsigned lanes = __ballot_sync(0xffffffffu, has_row);
    if (lanes == 0u) {
        return 0ULL;
    }
    const int lane = (int)(threadIdx.x & 31);
    const int leader = __ffs(lanes) - 1;
    u64 base = 0ULL;
    if (lane == leader) {
        base = atomicAdd(count, (u64)__popc(lanes));
    }
    base = forge_shuffle_from(base, leader);
    return base + (u64)__popc(lanes & ((1u << lane) - 1u));
}

__device__ __forceinline__ double forge_shuffle_from(double v, int lane) {
    return __shfl_sync(0xffffffffu, v, lane);
}

__device__ __forceinline__ forge_sum128 forge_shuffle_from(forge_sum128 v, int lane) {
    forge_sum128 r;
    r.low = __shfl_sync(0xffffffffu, v.low, lane);
    r.high = __shfl_sync(0xffffffffu, v.high, lane);
    return r;
}

// The total of `value` over this lane's peers, in the leader (other lanes get partials).
template <typename T, typename Op>
__device__ __forceinline__ T forge_peer_reduce(const forge_peers& plan, T value, Op op) {
    const int lane = threadIdx.x % 32;
#pragma unroll
    for (int step = 0; step < 5; ++step) {
        const T other = forge_shuffle_from(value, plan.from[step] < 0 ? lane : plan.from[step]);
        if (plan.from[step] >= 0) {
            value = op(value, other);
        }
    }
    return value;
}

__device__ __forceinline__ i128 forge_i128_of_words(u64 low, u64 high) { return (i128)(((u128)high << 64) | (u128)low); }

// Adds a signed 128-bit value to a (low, high) word pair with the carry, exactly, whatever the order of adds.
__device__ __forceinline__ void forge_atomic_add128(u64* low, u64* high, i128 v) {
    const u64 add_low = (u64)v;
    const u64 add_high = (u64)(v >> 64);
    const u64 before = atomicAdd(low, add_low);
    const u64 carry = (before + add_low < before) ? 1ULL : 0ULL;
    if (add_high + carry != 0) {
        atomicAdd(high, add_high + carry);
    }
}

// ---- join hash tables: open addressing with linear probing, one slot per distinct key, its rows in a chain ----
// `rows[slot]` is a link to the slot's first build row, FORGE_NO_ROW when empty (the host fills the array with 0xff
// bytes); `keys` holds KEY_WORDS columns of `capacity` words. A link is a build row, with FORGE_MORE_ROWS set where
// `links[row]` holds the link to one more row of the same key: a key's rows form a chain, so duplicate keys cost
// neither longer probes nor slower inserts, and a probe stops at the key's slot (a unique key reads no `links`). The
// capacity, a power of two, is at least twice the build rows or the distinct keys the statistics allow, so a probe
// always reaches its key or an empty slot (the host checks the second before any probe: see forge_join_insert).
// Tables are built by one kernel and probed by a later one (stream order).

#define FORGE_NO_ROW 0xffffffffffffffffULL
#define FORGE_ROW_CLAIMED 0xfffffffffffffffeULL  // a slot whose key words are being written
#define FORGE_MORE_ROWS (1ULL << 62)             // build rows stay below 2^62
#define FORGE_LINK_ROW(link) ((link) & (FORGE_MORE_ROWS - 1))

template <int KEY_WORDS>
__device__ __forceinline__ u64 forge_join_hash(const u64 (&key)[KEY_WORDS]) {
    u64 hash = 0x2545f4914f6cdd1dULL;
#pragma unroll
    for (int k = 0; k < KEY_WORDS; ++k) {
        hash = forge_hash_mix(hash, key[k]);
    }
    return hash;
}

// Inserts build row `row`. The first row of a key claims an empty slot (FORGE_ROW_CLAIMED), writes the key words and
// then publishes itself as the slot's link; a row whose key is already there pushes itself onto the slot's chain. A
// thread that meets a claimed slot waits for its key words (the claimer is another thread, which always finishes), so
// two rows of one key can never take two slots. Returns the slots it claimed: 1 for a new key, 0 for a known one, and
// `capacity` where every slot holds another key (the row is left out). The build kernel adds them up, and the host
// builds a table again from the rows where more than half its slots were claimed: a table sized from the statistics'
// distinct keys rather than the rows can only fill if they were wrong, and no probe may meet a full table.
template <int KEY_WORDS>
__device__ __forceinline__ u64 forge_join_insert(u64* __restrict__ rows, u64* __restrict__ keys,
                                                 u64* __restrict__ links, const i64 capacity,
                                                 const u64 (&key)[KEY_WORDS], const u64 row) {
    const u64 mask = (u64)capacity - 1;
    u64 slot = forge_join_hash(key) & mask;
    for (i64 probe = 0; probe < capacity; ++probe, slot = (slot + 1) & mask) {
        unsigned long long* head = (unsigned long long*)(rows + slot);
        u64 seen = *(volatile unsigned long long*)head;
        if (seen == FORGE_NO_ROW) {
            seen = atomicCAS(head, FORGE_NO_ROW, FORGE_ROW_CLAIMED);
        }
        if (seen == FORGE_NO_ROW) {
#pragma unroll
            for (int k = 0; k < KEY_WORDS; ++k) {
                keys[(i64)k * capacity + (i64)slot] = key[k];
            }
            __threadfence();  // the key words before the link that makes them count
            atomicExch(head, (unsigned long long)row);
            return 1;
        }
        while (seen == FORGE_ROW_CLAIMED) {
            seen = *(volatile unsigned long long*)head;
        }
        __threadfence();  // the key words after the link that published them
        bool same = true;
#pragma unroll
        for (int k = 0; k < KEY_WORDS; ++k) {
            same &= __ldcg(keys + (i64)k * capacity + (i64)slot) == key[k];  // from L2: never a stale line
        }
        if (same) {
            links[row] = atomicExch(head, (unsigned long long)(row | FORGE_MORE_ROWS));
            return 0;
        }
    }
    return (u64)capacity;
}

// Adds a thread's claimed slots to the build's count: through shared memory, one global atomic per block. Every
// thread of the block calls it, once, after its last insert.
__device__ __forceinline__ void forge_join_count_claims(u64 claims, unsigned long long* __restrict__ claimed) {
    __shared__ unsigned long long block_claims;
    if (threadIdx.x == 0) {
        block_claims = 0;
    }
    __syncthreads();
    if (claims != 0) {
        atomicAdd(&block_claims, (unsigned long long)claims);
    }
    __syncthreads();
    if (threadIdx.x == 0 && block_claims != 0) {
        atomicAdd(claimed, block_claims);
    }
}

template <int KEY_WORDS>
__device__ __forceinline__ bool forge_join_key_equals(const u64* __restrict__ keys, const i64 capacity, const u64 slot,
                                                      const u64 (&key)[KEY_WORDS]) {
    bool same = true;
#pragma unroll
    for (int k = 0; k < KEY_WORDS; ++k) {
        same &= keys[(i64)k * capacity + (i64)slot] == key[k];
    }
    return same;
}

// ---- casts ----

__device__ __forceinline__ i64 forge_narrow_i64(i128 v, bool& overflow) {
    overflow |= v > (i128)9223372036854775807LL || v < -(i128)9223372036854775807LL - 1;
    return (i64)v;
}

// Rounds half away from zero; NaN and values outside int64 are errors.
__device__ __forceinline__ i64 forge_double_to_i64(double v, bool& overflow) {
    double r = forge_round_half_away(v);
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) {
        overflow = true;
        return 0;
    }
    return (i64)r;
}

// unscaled / 10^scale, correctly rounded (as the CPU executor's BigDecimal.doubleValue) where both are exact doubles:
// |unscaled| <= 2^53 and scale <= 22, so the one division rounds once. Beyond that two roundings could differ from the
// CPU's by an ulp, so it is an error: the CPU runs the query.
__device__ __forceinline__ double forge_decimal_to_double(i128 unscaled, int scale, bool& inexact) {
    const i128 exact_limit = (i128)1 << 53;
    inexact |= unscaled > exact_limit || unscaled < -exact_limit || scale > 22;
    double divisor = 1.0;
    for (int i = 0; i < scale; ++i) {
        divisor *= 10.0;
    }
    return (double)unscaled / divisor;
}

// As forge_decimal_to_double, then to float: where the double lies exactly halfway between two floats (or in the
// subnormal float range), rounding twice could differ from the CPU's single rounding, so that is an error too.
__device__ __forceinline__ float forge_decimal_to_float(i128 unscaled, int scale, bool& inexact) {
    const double d = forge_decimal_to_double(unscaled, scale, inexact);
    const u64 bits = (u64)__double_as_longlong(d);
    const bool halfway = (bits & ((1ULL << 29) - 1)) == (1ULL << 28);
    const double magnitude = d < 0 ? -d : d;
    inexact |= halfway || (magnitude != 0.0 && magnitude < 1.1754943508222875e-38);
    return (float)d;
}

// A group key word for a float: -0.0 and 0.0 are one key, and every NaN is one key.
__device__ __forceinline__ u64 forge_key_double(double v) {
    if (v != v) {
        return 0x7ff8000000000000ULL;
    }
    if (v == 0.0) {
        return 0ULL;
    }
    return (u64)__double_as_longlong(v);
}

// Gathers the full slots of a group table for which `keep(slot)` holds into dense rows of `words - 1` words (the
// state word left out), in no particular order; `out_count` (zero before the launch) ends as the number of groups.
// Every thread of the block calls it (block-wide prefix sums); `keep` sees only full slots.
template <typename Keep>
__device__ __forceinline__ void forge_compact_groups_where(const u64* __restrict__ table, const i64 capacity,
                                                           const int words, u64* __restrict__ out,
                                                           u64* __restrict__ out_count, Keep keep) {
    __shared__ int scratch[FORGE_BLOCK_THREADS / 32];
    __shared__ u64 base;
    for (i64 start = (i64)blockIdx.x * FORGE_BLOCK_THREADS; start < capacity;
         start += (i64)gridDim.x * FORGE_BLOCK_THREADS) {
        const i64 slot = start + threadIdx.x;
        const int full = (slot < capacity && table[slot] == FORGE_SLOT_FULL && keep(slot)) ? 1 : 0;
        int total;
        const int offset = forge_block_exclusive_sum(full, scratch, total);
        if (threadIdx.x == 0) {
            base = total > 0 ? atomicAdd(out_count, (u64)total) : 0ULL;
        }
        __syncthreads();
        if (full) {
            const u64 at = base + (u64)offset;
            for (int w = 1; w < words; ++w) {
                out[at * (u64)(words - 1) + (u64)(w - 1)] = table[(i64)w * capacity + slot];
            }
        }
        __syncthreads();
    }
}

// Every group of the table (no HAVING condition; see forge_compact_groups_where).
extern "C" __global__ void __launch_bounds__(FORGE_BLOCK_THREADS)
forge_compact_groups(const u64* __restrict__ table, const i64 capacity, const int words, u64* __restrict__ out,
                     u64* __restrict__ out_count) {
    forge_compact_groups_where(table, capacity, words, out, out_count, [](i64) { return true; });
}
