package dev.forge.cli;

import picocli.CommandLine.Command;

/** {@code forge bench}: groups the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        subcommands = {BenchListCommand.class, BenchRunCommand.class, BenchPrimitivesCommand.class,
                BenchGemmCommand.class, BenchLoadCommand.class},
        description = "Benchmarks measured on this machine against the CPU and the best peers, in one run: the"
                + " experiment suite (list, run), the primitives benchmark, the GEMM benchmark and loading TPC-H lineitem.")
final class BenchCommand {
}
