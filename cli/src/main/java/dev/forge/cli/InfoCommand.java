package dev.forge.cli;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.CudaStatus;
import dev.forge.cuda.DeviceInfo;
import dev.forge.cuda.bench.DeviceBenchmark;
import dev.forge.cuda.bench.Measurement;
import dev.forge.cuda.compile.KernelCompiler;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forge info}: what Forge runs on here, and with {@code --bench} how fast that hardware really is. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Show the GPU (or that Forge runs on the CPU) and, with --bench, measure it.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--bench", description = "Measure copy bandwidth, launch and graph-node latency and PCIe "
            + "bandwidth, each against the recorded ceiling for this GPU.")
    boolean bench;

    @Option(names = "--device", paramLabel = "N", description = "GPU ordinal (default: ${DEFAULT-VALUE}).")
    int device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        out.printf("Forge %s on Java %s, %d CPU cores, %.1f GiB heap%n", ForgeVersion.version(), Runtime.version(),
                runtime.availableProcessors(), runtime.maxMemory() / (double) (1L << 30));
        CudaStatus status = Cuda.status();
        if (!status.available()) {
            out.println(status.reason());
            return 0;
        }
        CudaDevice gpu = Cuda.device(device);
        printDevice(out, gpu, status);
        if (bench) {
            out.println();
            printBenchmark(out, gpu);
        }
        return 0;
    }

    private static void printDevice(PrintWriter out, CudaDevice gpu, CudaStatus status) {
        DeviceInfo info = gpu.info();
        long[] memory = gpu.memoryInfo();
        out.printf("GPU %d of %d: %s (compute capability %d.%d, %s)%n", info.ordinal(), status.deviceCount(),
                info.name(), info.computeMajor(), info.computeMinor(), info.uuid());
        out.printf("  multiprocessors   %d, up to %d threads each%n", info.multiprocessors(),
                info.maxThreadsPerMultiprocessor());
        out.printf("  memory            %.1f GiB (%.1f GiB free), %d-bit bus at %d MHz: %.2f TB/s theoretical%n",
                info.totalMemoryBytes() / (double) (1L << 30), memory[0] / (double) (1L << 30),
                info.memoryBusWidthBits(), info.memoryClockKiloHertz() / 1000,
                info.theoreticalBandwidthBytesPerSecond() / 1e12);
        out.printf("  L2 cache          %.1f MiB%n", info.l2CacheBytes() / (double) (1L << 20));
        out.printf("  shared memory     %d KiB per block (opt-in), %d KiB per multiprocessor%n",
                info.maxSharedMemoryPerBlockOptIn() / 1024, info.maxSharedMemoryPerMultiprocessor() / 1024);
        out.printf("  SM clock          %d MHz%n", info.clockKiloHertz() / 1000);
        out.printf("  driver            CUDA %s%n", status.driverVersionText());
        out.printf("  NVRTC             %s%n", KernelCompiler.nvrtcUnavailableReason()
                .map(reason -> reason + " (kernels run only from the build's fatbins)")
                .orElseGet(KernelCompiler::nvrtcVersion));
    }

    private static void printBenchmark(PrintWriter out, CudaDevice gpu) {
        out.println("Measuring (median of repeated runs after warm-up)...");
        List<Measurement> results = new DeviceBenchmark(gpu, step -> out.println("  " + step)).run();
        out.println();
        out.printf("%-46s %12s %12s  %s%n", "measure", "measured", "ceiling", "measured / ceiling");
        for (Measurement result : results) {
            String ratio = Double.isNaN(result.ceiling()) ? "no recorded ceiling for this GPU"
                    : String.format("%.2f (%s is better)", result.ratio(), result.higherIsBetter() ? "higher" : "lower");
            out.printf("%-46s %12s %12s  %s%n", result.name(), result.formattedValue(), result.formattedCeiling(), ratio);
        }
    }
}
