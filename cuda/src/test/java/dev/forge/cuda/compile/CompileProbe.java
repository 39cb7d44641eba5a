package dev.forge.cuda.compile;

import dev.forge.cuda.Cuda;
import java.nio.file.Path;

/**
 * A second process for {@link KernelCompilerTest}: compiles the probe kernel with a given disk cache and prints
 * where the image came from and how long getting it took.
 */
public final class CompileProbe {
    private CompileProbe() {
    }

    static String source(String nonce) {
        return "// " + nonce + "\nextern \"C\" __global__ void probe(int* out) { out[threadIdx.x] = threadIdx.x * 3; }\n";
    }

    public static void main(String[] args) {
        KernelCompiler compiler = new KernelCompiler(Cuda.defaultDevice(), new KernelDiskCache(Path.of(args[0])));
        long started = System.nanoTime();
        KernelBinary binary = compiler.compile(KernelSource.of("probe.cu", source(args[1])));
        long nanos = System.nanoTime() - started;
        System.out.println("origin=" + binary.origin() + " nanos=" + nanos);
    }
}
