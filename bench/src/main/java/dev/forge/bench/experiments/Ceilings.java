package dev.forge.bench.experiments;

import dev.forge.cuda.bench.DeviceBenchmark;
import dev.forge.cuda.bench.Measurement;
import java.util.List;

/**
 * The machine's ceilings, measured at the start of the same run (`forge info --bench`'s measurements): device copy
 * bandwidth (read+write counted, the best of the copy kernels and cuMemcpyDtoD), pinned PCIe each way, and the rest
 * of that benchmark (launch latency, pageable PCIe) for the report. NaN and an empty list without a GPU.
 */
public record Ceilings(double copyBytesPerSecond, double hostToDeviceBytesPerSecond,
        double deviceToHostBytesPerSecond, List<Measurement> measurements) {

    public static Ceilings absent() {
        return new Ceilings(Double.NaN, Double.NaN, Double.NaN, List.of());
    }

    public static Ceilings measure(GpuResources gpu) {
        List<Measurement> measurements = new DeviceBenchmark(gpu.device(), step -> { }).run();
        double copy = measurements.stream().filter(m -> m.name().startsWith("device copy"))
                .mapToDouble(Measurement::value).max().orElse(Double.NaN);
        return new Ceilings(copy, named(measurements, "PCIe host->device, pinned"),
                named(measurements, "PCIe device->host, pinned"), measurements);
    }

    private static double named(List<Measurement> measurements, String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).mapToDouble(Measurement::value)
                .findFirst().orElse(Double.NaN);
    }

    public boolean measured() {
        return Double.isFinite(copyBytesPerSecond);
    }
}
