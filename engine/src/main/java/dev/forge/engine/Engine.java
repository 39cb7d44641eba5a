package dev.forge.engine;

/** Which executor runs a session's queries. */
public enum Engine {
    /** The GPU when a GPU executor is available, else the CPU. */
    AUTO,
    /** The GPU executor; a query fails, saying why, where there is none. */
    GPU,
    /** The CPU executor. */
    CPU
}
