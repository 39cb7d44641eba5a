package dev.forge.columnar.io;

/**
 * Told how far a long task (reading a file, loading a folder, generating data) has come, in units the task names
 * (bytes or rows); may be called from worker threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (task, done, total) -> {
    };

    void update(String task, long done, long total);
}
