// Stands in for decoupled_look_back.cuh in the emulation: blocks run one after another there, so every predecessor
// has published its prefix already, and walking back one tile at a time gives what the warp-wide look-back gives.
// The real look-back (shared with scan.cu) is tested on the GPU only.
#pragma once

enum TileStatus : int { NOTHING = 0, AGGREGATE = 1, PREFIX = 2 };

inline unsigned long long load_word(const unsigned long long* word) { return *word; }
inline void store_word(unsigned long long* word, unsigned long long value) { *word = value; }

template <typename A, typename State>
A look_back(long long tile, State& state) {
    A before = A(0);
    for (long long predecessor = tile - 1; predecessor >= 0; --predecessor) {
        A value;
        const TileStatus status = state.wait(predecessor, value);
        before += value;
        if (status == PREFIX) {
            break;
        }
    }
    return before;
}
