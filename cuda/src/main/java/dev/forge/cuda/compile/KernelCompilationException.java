package dev.forge.cuda.compile;

import java.util.List;

/** NVRTC rejected a kernel: carries the compiler's log, which names the line and the problem. */
public final class KernelCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final String log;

    public KernelCompilationException(String sourceName, List<String> options, String result, String log) {
        super("CUDA kernel " + sourceName + " did not compile (" + result + ", options " + options + "):\n" + log.strip());
        this.sourceName = sourceName;
        this.log = log;
    }

    public String sourceName() {
        return sourceName;
    }

    /** NVRTC's full log, e.g. {@code kernel.cu(3): error: expected a ";"}. */
    public String log() {
        return log;
    }
}
