package dev.forge.engine;

import dev.forge.columnar.Table;

/**
 * A query's result table with a note on how it ran: {@code onRequestedEngine} is false when an executor handed the
 * query to another one (the GPU executor to the CPU, say), and {@code note} says where each part ran and why (empty
 * when there is nothing to say).
 */
public record ExecutedQuery(Table table, boolean onRequestedEngine, String note) {
}
