package dev.forge.cuda.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

@RequiresGpu
class KernelCompilerTest {

    @TempDir
    Path cacheFolder;

    private static int[] runProbe(Module module) {
        CudaDevice device = module.device();
        try (Stream stream = device.createStream(); DeviceBuffer out = device.allocate(4 * 64)) {
            out.fillInts(-1);
            module.kernel("probe").launcher().grid(1).block(64).stream(stream).arg(out).launch();
            stream.synchronize();
            int[] back = new int[64];
            out.copyTo(MemorySegment.ofArray(back));
            return back;
        }
    }

    @Test
    void compiledKernelsComeFromMemoryThenDiskThenNvrtc(TestReporter reporter) throws Exception {
        String nonce = UUID.randomUUID().toString();
        KernelSource source = KernelSource.of("probe.cu", CompileProbe.source(nonce));
        try (KernelCompiler compiler = new KernelCompiler(Cuda.defaultDevice(), new KernelDiskCache(cacheFolder))) {
            long started = System.nanoTime();
            KernelBinary cold = compiler.compile(source);
            long coldNanos = System.nanoTime() - started;
            assertThat(cold.origin()).isEqualTo(KernelBinary.Origin.NVRTC);
            assertThat(cold.kind()).isEqualTo(KernelBinary.ImageKind.CUBIN);
            assertThat(compiler.compile(source).origin()).isEqualTo(KernelBinary.Origin.MEMORY_CACHE);
            assertThat(runProbe(compiler.load(source))).isEqualTo(IntStream.range(0, 64).map(i -> i * 3).toArray());
            assertThat(compiler.statistics().nvrtcCompiles()).isEqualTo(1);

            String child = runSecondProcess(cacheFolder, nonce);
            assertThat(child).startsWith("origin=DISK_CACHE");
            long cachedNanos = Long.parseLong(child.replaceAll(".*nanos=(\\d+).*", "$1").strip());
            reporter.publishEntry("kernel compile", String.format(
                    "cold (NVRTC, this process) %.1f ms; cached (disk, second process) %.2f ms",
                    coldNanos / 1e6, cachedNanos / 1e6));
        }
    }

    private static String runSecondProcess(Path cache, String nonce) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CompileProbe.class.getName(), cache.toString(), nonce));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("second process output: %s", output).isZero();
        return output.lines().filter(line -> line.startsWith("origin=")).findFirst().orElse(output);
    }

    @Test
    void aDamagedDiskEntryIsDetectedAndCompiledAgain() throws IOException {
        KernelSource source = KernelSource.of("probe.cu", CompileProbe.source(UUID.randomUUID().toString()));
        KernelDiskCache disk = new KernelDiskCache(cacheFolder);
        try (KernelCompiler first = new KernelCompiler(Cuda.defaultDevice(), disk)) {
            first.compile(source);
        }
        List<Path> entries;
        try (var files = Files.list(cacheFolder)) {
            entries = files.toList();
        }
        assertThat(entries).hasSize(1);
        byte[] bytes = Files.readAllBytes(entries.get(0));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(entries.get(0), bytes);

        try (KernelCompiler second = new KernelCompiler(Cuda.defaultDevice(), disk)) {
            KernelBinary rebuilt = second.compile(source);
            assertThat(rebuilt.origin()).isEqualTo(KernelBinary.Origin.NVRTC);
            assertThat(disk.corruptEntries()).isEqualTo(1);
            assertThat(runProbe(second.load(source))).containsExactly(IntStream.range(0, 64).map(i -> i * 3).toArray());
        }
        try (KernelCompiler third = new KernelCompiler(Cuda.defaultDevice(), disk)) {
            assertThat(third.compile(source).origin()).isEqualTo(KernelBinary.Origin.DISK_CACHE);
        }
    }

    @Test
    void aSyntaxErrorSurfacesTheCompilerLogWithTheLine() {
        KernelSource broken = KernelSource.of("broken.cu",
                "extern \"C\" __global__ void broken(int* out) {\n  out[0] = undefined_name;\n}\n");
        try (KernelCompiler compiler = new KernelCompiler(Cuda.defaultDevice(), null)) {
            assertThatThrownBy(() -> compiler.compile(broken))
                    .isInstanceOfSatisfying(KernelCompilationException.class, failure -> {
                        assertThat(failure.sourceName()).isEqualTo("broken.cu");
                        assertThat(failure.log()).contains("broken.cu(2)").contains("error");
                        assertThat(failure.getMessage()).contains("did not compile").contains("broken.cu(2)");
                    });
        }
    }

    @Test
    void templateKernelsAreFoundByTheirNameExpression() {
        KernelSource template = KernelSource.of("scale.cu", """
                template <typename T> __global__ void scale(T* data, T factor) { data[threadIdx.x] *= factor; }
                """).withNameExpressions("scale<int>");
        CudaDevice device = Cuda.defaultDevice();
        try (KernelCompiler compiler = new KernelCompiler(device, null);
                Stream stream = device.createStream(); DeviceBuffer data = device.allocate(4 * 32)) {
            Module module = compiler.load(template);
            data.copyFrom(MemorySegment.ofArray(IntStream.range(1, 33).toArray()));
            module.kernel("scale<int>").launcher().grid(1).block(32).stream(stream).arg(data).arg(-3).launch();
            stream.synchronize();
            int[] back = new int[32];
            data.copyTo(MemorySegment.ofArray(back));
            assertThat(back).isEqualTo(IntStream.range(1, 33).map(i -> -3 * i).toArray());
        }
    }

    @Test
    void kernelFilesShippedByTheBuildLoadFromTheirFatbinWithoutNvrtc() {
        KernelSource shipped = KernelSource.fromResource(KernelCompilerTest.class, "/kernels/device_bench.cu");
        assertThat(shipped.prebuilt()).as("the build compiled device_bench.cu with nvcc").isPresent();
        try (KernelCompiler compiler = new KernelCompiler(Cuda.defaultDevice(), null)) {
            Module module = compiler.load(shipped);
            assertThat(module.kernel("copy_int4").registersPerThread()).isPositive();
            assertThat(compiler.statistics().prebuiltLoads()).isEqualTo(1);
            assertThat(compiler.statistics().nvrtcCompiles()).isZero();
            Module compiled = compiler.load(shipped.withoutPrebuilt());
            assertThat(compiled).isNotSameAs(module);
            assertThat(compiler.statistics().nvrtcCompiles()).isEqualTo(1);
        }
    }
}
