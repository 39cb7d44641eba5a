package dev.forge.bench.experiments;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaStatus;
import dev.forge.cuda.DeviceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine, build and moment a run belongs to, as every report's header states them: the GPU (name, memory, CUDA
 * driver and NVIDIA kernel driver version) or why there is none, the CPU model, its cores and memory, Java, the commit
 * and the date.
 *
 * <p>The commit is, in order: {@code -Dforge.commit} or {@code FORGE_COMMIT}; {@code git rev-parse} in the working
 * directory (with "+changes" when the tree has uncommitted changes); the commit stamped into the build
 * (build.properties); else "unknown".
 */
public record MachineDescription(String gpu, long gpuMemoryBytes, String driver, String cpu, int cores,
        long hostMemoryBytes, String javaVersion, String commit, String date) {

    public static MachineDescription describe(GpuResources gpu) {
        String gpuName;
        long gpuMemory = 0;
        String driver;
        CudaStatus status = Cuda.status();
        if (gpu != null) {
            DeviceInfo info = gpu.device().info();
            gpuName = info.name();
            gpuMemory = info.totalMemoryBytes();
            driver = "CUDA " + status.driverVersionText() + nvidiaDriverVersion().map(v -> ", NVIDIA " + v).orElse("");
        } else {
            gpuName = "none (" + GpuResources.absentReason() + ")";
            driver = status.driverVersion() > 0 ? "CUDA " + status.driverVersionText() : "none";
        }
        return new MachineDescription(gpuName, gpuMemory, driver, cpuModel(),
                Runtime.getRuntime().availableProcessors(), totalHostMemory(), "Java " + Runtime.version(), currentCommit(),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static Optional<String> nvidiaDriverVersion() {
        return firstLine(Path.of("/proc/driver/nvidia/version"), "NVRM version").flatMap(MachineDescription::versionIn);
    }

    /**
     * The driver version in an NVRM line: its first dotted number, wherever the wording puts it ("NVIDIA UNIX x86_64
     * Kernel Module  580.159.04  Tue ...", or the open modules' "NVIDIA UNIX Open Kernel Module for x86_64  580.159.04
     * Release Build ...", where the word after "Kernel Module" is "for").
     */
    static Optional<String> versionIn(String nvrmLine) {
        Matcher version = Pattern.compile("\\b\\d+\\.\\d+(\\.\\d+)*\\b").matcher(nvrmLine);
        return version.find() ? Optional.of(version.group()) : Optional.empty();
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name")
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .orElse(System.getProperty("os.arch") + " (model unknown)");
    }

    private static long totalHostMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix))
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static String currentCommit() {
        String explicit = System.getProperty("forge.commit", System.getenv("FORGE_COMMIT"));
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        Optional<String> head = git(List.of("git", "rev-parse", "--short=12", "HEAD"));
        if (head.isPresent()) {
            boolean changed = git(List.of("git", "status", "--porcelain", "--untracked-files=no"))
                    .map(text -> !text.isBlank()).orElse(false);
            return head.get() + (changed ? "+changes" : "");
        }
        try (InputStream in = MachineDescription.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String built = properties.getProperty("commit", "unknown");
                if (!built.equals("unknown")) {
                    return built + " (stamped at build time)";
                }
            }
        } catch (IOException unreadable) {
            // fall through to "unknown"
        }
        return "unknown";
    }

    private static Optional<String> git(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException unavailable) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
