package dev.forge.executor.gpu.codegen;

/**
 * One aggregate's inputs for a row, as CUDA expressions: its filter alone ({@code filtered}), the filter and the
 * argument's validity ({@code condition}: the row counts), and the argument's value.
 */
record AggregateRowInput(String filtered, String condition, String value) {
}
