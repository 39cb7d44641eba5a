package dev.forge.executor.gpu.codegen;

import java.util.List;

/**
 * Writes how the rows of a grouped aggregation reach its group tables. Each block first gathers in its own table in
 * shared memory (same column layout as the global one, {@link #localSlots} slots) and adds its groups to the global
 * table once, after its last tile: with a handful of groups every row would otherwise contend for the same few global
 * words. Where the rows of a warp meet converged (no join loops), the lanes of one group also combine their rows first
 * ({@code forge_peer_reduce}) and one lane does the group's shared-memory atomics, which same-address lanes would
 * otherwise serialise; the caller says, per loop over items, whether its rows meet converged. A key that finds no room in the shared table goes to the global one; a block that has sent
 * {@code FORGE_LOCAL_MISS_LIMIT} rows there stops probing its shared table (many groups fill it at once). Merging both
 * is exact: counts and sums add, MIN/MAX states (encoded so that zero is neutral) take the maximum.
 */
final class GroupTableCode {
    /**
     * Shared memory for a block's group table: at most 24 KiB, so that the grid's eight blocks per multiprocessor still
     * fit Hopper's 228 KiB beside their other shared arrays. Measured on the H100 (see bench/results/2026-12-07-h100-
     * group-tables): 12 KiB where rows probe hash tables, with a miss limit that grew with the rows seen, made SSB's
     * star joins slower still, so join pipelines keep 24 KiB and the fixed limit.
     */
    static final int LOCAL_TABLE_BYTES = 24 * 1024;
    /** Fewer slots than this would hold too few groups to be worth probing: wide rows skip the shared table. */
    static final int MIN_LOCAL_SLOTS = 32;

    private final CodeWriter body;
    private final List<AggregateSlot> slots;
    private final int keyWords;
    private final int words;
    private final int localSlots;
    private boolean warpLevel;

    /** @param words 64-bit words of a slot (state, keys, aggregates) */
    GroupTableCode(CodeWriter body, List<AggregateSlot> slots, int keyWords, int words) {
        this.body = body;
        this.slots = slots;
        this.keyWords = keyWords;
        this.words = words;
        this.localSlots = localSlots(words);
    }

    /**
     * Says whether every lane of a warp leaves each row's scope of the item loop written next together (no join loops
     * inside), which the warp collectives of warp-level aggregation need.
     */
    void rowsConverged(boolean converged) {
        warpLevel = localSlots > 0 && converged;
    }

    /**
     * Slots of a block's shared-memory table for slots of {@code words} 64-bit words: the most that fit
     * {@link #LOCAL_TABLE_BYTES}, a power of two, or 0 (no shared table) where fewer than {@link #MIN_LOCAL_SLOTS}
     * would.
     */
    static int localSlots(int words) {
        int fitting = LOCAL_TABLE_BYTES / (words * 8);
        return fitting < MIN_LOCAL_SLOTS ? 0 : Integer.highestOneBit(fitting);
    }

    /** Before the tile loop: the block's shared table and its miss count, zeroed. */
    void declareLocalTable() {
        if (localSlots == 0) {
            return;
        }
        body.line("__shared__ u64 local_groups[" + words + " * " + localSlots + "];");
        body.line("__shared__ unsigned int local_misses;");
        body.line("for (int i = threadIdx.x; i < " + words + " * " + localSlots
                + "; i += FORGE_BLOCK_THREADS) local_groups[i] = 0ULL;");
        body.line("if (threadIdx.x == 0) local_misses = 0u;");
        body.line("__syncthreads();");
    }

    /**
     * At the top of each item, before the row's scope: for warp-level aggregation, the lane's slot in the shared table
     * and its aggregate inputs, neutral (no row) until its row sets them.
     */
    void declareWarpInputs() {
        if (!warpLevel) {
            return;
        }
        body.line("int local_slot = -1;");
        for (int a = 0; a < slots.size(); a++) {
            switch (slots.get(a).kind()) {
                case COUNT -> {
                }
                case EXACT_SUM -> body.line("forge_sum128 g" + a + "_value = {0ULL, 0ULL};");
                case FLOAT_SUM -> body.line("double g" + a + "_value = 0.0;");
                case EXTREME -> body.line("u64 g" + a + "_value = 0ULL;");
                case SINGLE -> body.line("u64 g" + a + "_value = 0ULL, g" + a + "_rows = 0ULL;");
            }
            body.line("u64 g" + a + "_count = 0ULL;");
        }
    }

    /** Inside a selected row's scope, where {@code key} holds its key words: the row goes to a table or is recorded. */
    void aggregateRow(List<AggregateRowInput> inputs) {
        body.line("const u64 hash = forge_group_hash<" + keyWords + ">(key);");
        if (localSlots > 0) {
            if (!warpLevel) {
                body.line("int local_slot = -1;");
            }
            body.open("if (*(volatile unsigned int*)&local_misses < FORGE_LOCAL_MISS_LIMIT)");
            body.line("local_slot = forge_local_group_slot<" + keyWords + ", " + localSlots
                    + ">(local_groups, key, hash);");
            body.line("if (local_slot < 0) atomicAdd(&local_misses, 1u);");
            body.close();
            body.open("if (local_slot >= 0)");
            if (warpLevel) {
                recordWarpInputs(inputs);
            } else {
                addRow(inputs, "local_groups", String.valueOf(localSlots), "local_slot");
            }
            body.close();
            body.open("else");
        }
        body.line("const i64 slot = forge_group_slot<" + keyWords
                + ">(group_table, group_capacity, key, hash, status);");
        body.open("if (slot >= 0)");
        addRow(inputs, "group_table", "group_capacity", "slot");
        body.close();
        if (localSlots > 0) {
            body.close(); // else
        }
    }

    /**
     * After each item's row scope, all 32 lanes converged: the lanes of each shared-table slot combine what they
     * recorded, and the group's first lane adds it to the slot.
     */
    void aggregateWarp() {
        if (!warpLevel) {
            return;
        }
        // rows that joins filtered out leave most warps of an item with no row to aggregate: they skip the match
        body.open("if (__any_sync(0xffffffffu, local_slot >= 0))");
        body.line("const forge_peers peers = forge_peers_of(__match_any_sync(0xffffffffu, local_slot));");
        for (int a = 0; a < slots.size(); a++) {
            String reduce = slots.get(a).kind() == AggregateSlot.Kind.EXTREME
                    || slots.get(a).kind() == AggregateSlot.Kind.SINGLE ? "forge_max_op()" : "forge_add_op()";
            if (slots.get(a).kind() != AggregateSlot.Kind.COUNT) {
                body.line("g" + a + "_value = forge_peer_reduce(peers, g" + a + "_value, " + reduce + ");");
            }
            if (slots.get(a).kind() == AggregateSlot.Kind.SINGLE) {
                body.line("g" + a + "_rows = forge_peer_reduce(peers, g" + a + "_rows, forge_add_op());");
            }
            body.line("g" + a + "_count = forge_peer_reduce(peers, g" + a + "_count, forge_add_op());");
        }
        body.open("if (peers.leader && local_slot >= 0)");
        String capacity = String.valueOf(localSlots);
        for (int a = 0; a < slots.size(); a++) {
            AggregateSlot slot = slots.get(a);
            String value = slot.kind() == AggregateSlot.Kind.EXACT_SUM
                    ? "forge_i128_of_words(g" + a + "_value.low, g" + a + "_value.high)" : "g" + a + "_value";
            addTotals(slot, "local_groups", capacity, "local_slot", "g" + a + "_rows", "g" + a + "_count", value);
        }
        body.close(); // leader
        body.close(); // any row
    }

    /** After the block's last tile: each group of its shared table is added to the global table. */
    void flushLocalTable() {
        if (localSlots == 0) {
            return;
        }
        String capacity = String.valueOf(localSlots);
        body.line("__syncthreads();");
        body.open("for (int local_slot = threadIdx.x; local_slot < " + localSlots
                + "; local_slot += FORGE_BLOCK_THREADS)");
        body.line("if (local_groups[local_slot] != FORGE_SLOT_FULL) continue;");
        body.line("u64 key[" + keyWords + "];");
        body.line("#pragma unroll");
        body.line("for (int k = 0; k < " + keyWords + "; ++k) key[k] = local_groups[(k + 1) * " + localSlots
                + " + local_slot];");
        body.line("const i64 slot = forge_group_slot<" + keyWords + ">(group_table, group_capacity, key, status);");
        body.line("if (slot < 0) continue;");
        for (AggregateSlot slot : slots) {
            String value = tableWord("local_groups", slot.firstWord(), capacity, "local_slot");
            if (slot.kind() == AggregateSlot.Kind.EXACT_SUM) {
                value = "forge_i128_of_words(" + value + ", "
                        + tableWord("local_groups", slot.firstWord() + 1, capacity, "local_slot") + ")";
            } else if (slot.kind() == AggregateSlot.Kind.FLOAT_SUM) {
                value = "__longlong_as_double((i64)" + value + ")";
            }
            String rows = slot.kind() == AggregateSlot.Kind.SINGLE
                    ? tableWord("local_groups", slot.rowsWord(), capacity, "local_slot") : null;
            addTotals(slot, "group_table", "group_capacity", "slot", rows,
                    tableWord("local_groups", slot.countWord(), capacity, "local_slot"), value);
        }
        body.close();
    }

    /** One row straight into a table: its aggregates' atomics, each where its condition holds. */
    private void addRow(List<AggregateRowInput> inputs, String table, String capacity, String slot) {
        for (int a = 0; a < slots.size(); a++) {
            AggregateSlot aggregate = slots.get(a);
            AggregateRowInput input = inputs.get(a);
            String value = switch (aggregate.kind()) {
                case COUNT -> null;
                case EXACT_SUM -> "(i128)" + input.value();
                case FLOAT_SUM -> "(double)" + input.value();
                case EXTREME, SINGLE -> KernelGenerator.encodeExtreme(aggregate, input.value());
            };
            addTotals(aggregate, table, capacity, slot, "(" + input.filtered() + " ? 1ULL : 0ULL)",
                    "(" + input.condition() + " ? 1ULL : 0ULL)", value);
        }
    }

    /** Records the row's aggregate inputs for {@link #aggregateWarp}. */
    private void recordWarpInputs(List<AggregateRowInput> inputs) {
        for (int a = 0; a < slots.size(); a++) {
            AggregateSlot slot = slots.get(a);
            AggregateRowInput input = inputs.get(a);
            if (slot.kind() == AggregateSlot.Kind.SINGLE) {
                body.line("if (" + input.filtered() + ") g" + a + "_rows = 1ULL;");
            }
            body.open("if (" + input.condition() + ")");
            switch (slot.kind()) {
                case COUNT -> {
                }
                case EXACT_SUM -> body.line("g" + a + "_value = forge_sum128_of((i128)" + input.value() + ");");
                case FLOAT_SUM -> body.line("g" + a + "_value = (double)" + input.value() + ";");
                case EXTREME, SINGLE -> body.line("g" + a + "_value = "
                        + KernelGenerator.encodeExtreme(slot, input.value()) + ";");
            }
            body.line("g" + a + "_count = 1ULL;");
            body.close();
        }
    }

    /**
     * Adds one aggregate's totals to slot {@code slot} of a table of {@code capacity} slots: {@code rows} (SINGLE_VALUE
     * only), then, where {@code count} is not zero, the value (an i128 for exact sums, a double for float sums, an
     * encoded word for MIN/MAX) and the count.
     */
    private void addTotals(AggregateSlot aggregate, String table, String capacity, String slot, String rows,
            String count, String value) {
        if (aggregate.kind() == AggregateSlot.Kind.SINGLE) {
            body.line("if (" + rows + " != 0ULL) atomicAdd(&" + tableWord(table, aggregate.rowsWord(), capacity, slot)
                    + ", " + rows + ");");
        }
        body.open("if (" + count + " != 0ULL)");
        String word = "&" + tableWord(table, aggregate.firstWord(), capacity, slot);
        switch (aggregate.kind()) {
            case COUNT -> {
            }
            case EXACT_SUM -> body.line("forge_atomic_add128(" + word + ", &"
                    + tableWord(table, aggregate.firstWord() + 1, capacity, slot) + ", " + value + ");");
            case FLOAT_SUM -> body.line("atomicAdd((double*)" + word + ", " + value + ");");
            case EXTREME, SINGLE -> body.line("atomicMax(" + word + ", " + value + ");");
        }
        body.line("atomicAdd(&" + tableWord(table, aggregate.countWord(), capacity, slot) + ", " + count + ");");
        body.close();
    }

    /** Word {@code word} of slot {@code slot} in a column-major group table of {@code capacity} slots. */
    private static String tableWord(String table, int word, String capacity, String slot) {
        return table + "[(i64)" + word + " * " + capacity + " + " + slot + "]";
    }
}
