package dev.forge.cli;

import picocli.CommandLine.Command;

/** {@code forge bench}: groups the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        subcommands = {BenchListCommand.class, BenchRunCommand.class, BenchReportCommand.class,
                BenchPrimitivesCommand.class, BenchGemmCommand.class, BenchLoadCommand.class},
        description = "Benchmarks measured on this machine against the CPU and the best peers, in one run: the"
                + " experiment suite (list, run, and report to merge runs measured in chunks), the primitives"
                + " benchmark, the GEMM benchmark and loading TPC-H lineitem.")
final class BenchCommand {
}
