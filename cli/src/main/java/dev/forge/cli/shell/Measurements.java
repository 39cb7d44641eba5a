package dev.forge.cli.shell;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.output.PrintOptions;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.RunStatistics;
import dev.forge.cli.query.Stage;
import dev.forge.cli.shell.CommandSession.Outcome;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .profile} and {@code .compare}: times that were measured on this machine, never estimated. A stage the
 * engine did not go through is shown as not run; an engine that cannot run here is named with the reason.
 */
final class Measurements {
    /**
     * The stages of a query in the order they happen; a run reports those it went through (the GPU ones are absent from
     * a CPU run), and one measured stage may cover several ("parse+plan").
     */
    static final List<String> STAGES = List.of("parse", "plan", "compile", "upload", "kernels", "execute", "download",
            "format");
    /** Timed runs per engine in {@code .compare}, after one warm-up run each. */
    static final int COMPARE_RUNS = 3;
    private static final int BAR_WIDTH = 30;

    private final CommandSession session;

    Measurements(CommandSession session) {
        this.session = session;
    }

    Outcome profile(String sql) {
        PrintWriter out = session.results();
        RunStatistics statistics;
        try (QueryAnswer answer = session.backend().run(sql, session.settings().engine())) {
            StringBuilder text = new StringBuilder();
            long started = System.nanoTime();
            CommandSession.print(answer, session.settings().format(), session.settings().printOptions(), text);
            statistics = answer.statistics().withStage(new Stage("format", System.nanoTime() - started));
            out.print(text);
        } catch (QueryFailure failure) {
            return session.fail(failure, sql);
        }
        Map<String, Long> measured = new LinkedHashMap<>();
        for (Stage stage : statistics.stages()) {
            measured.merge(stage.name(), stage.nanos(), Long::sum);
        }
        long total = measured.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "%nstages on the %s engine (%s):%n", statistics.engine().lowerCase(),
                statistics.warm() ? "warm" : "cold");
        for (String name : STAGES) {
            String covering = measured.keySet().stream()
                    .filter(reported -> List.of(reported.split("\\+")).contains(name)).findFirst().orElse(null);
            if (covering != null) {
                out.println(stageLine(covering, measured.remove(covering), total, statistics.engine()));
            } else if (!covered(name, statistics)) {
                out.println(stageLine(name, null, total, statistics.engine()));
            }
        }
        for (Map.Entry<String, Long> other : measured.entrySet()) {
            out.println(stageLine(other.getKey(), other.getValue(), total, statistics.engine()));
        }
        out.printf(Locale.ROOT, "  %-10s %14s%n", "total", SummaryLine.duration(total));
        out.println(SummaryLine.of(statistics));
        return Outcome.DONE;
    }

    /** Whether an earlier combined stage ("parse+plan") already included this one. */
    private static boolean covered(String name, RunStatistics statistics) {
        return statistics.stages().stream().anyMatch(stage -> stage.name().contains("+")
                && List.of(stage.name().split("\\+")).contains(name));
    }

    private static String stageLine(String name, Long nanos, long total, EngineChoice engine) {
        if (nanos == null) {
            return String.format(Locale.ROOT, "  %-10s %14s  (not part of a %s run)", name, "-", engine.lowerCase());
        }
        double share = total == 0 ? 0 : nanos / (double) total;
        int filled = (int) Math.round(share * BAR_WIDTH);
        return String.format(Locale.ROOT, "  %-10s %14s  %-" + BAR_WIDTH + "s %5.1f%%", name,
                SummaryLine.duration(nanos), "█".repeat(filled), share * 100);
    }

    Outcome compare(String sql) {
        PrintWriter out = session.results();
        Optional<String> noGpu = session.backend().unavailable(EngineChoice.GPU);
        try {
            Timing cpu = time(sql, EngineChoice.CPU);
            if (noGpu.isPresent()) {
                out.println("the GPU engine is unavailable: " + noGpu.get());
                out.println(cpu.line("cpu"));
                out.println("no ratio: only the CPU engine ran");
                return Outcome.DONE;
            }
            Timing gpu = time(sql, EngineChoice.GPU);
            out.println(cpu.line("cpu"));
            out.println(gpu.line("gpu"));
            double ratio = gpu.median() / (double) cpu.median();
            out.printf(Locale.ROOT, "gpu/cpu time %.3f: the GPU was %.2fx %s (median of %d runs after one warm-up"
                            + " each); answers %s%n", ratio, ratio <= 1 ? 1 / ratio : ratio,
                    ratio <= 1 ? "faster" : "slower", COMPARE_RUNS,
                    cpu.answer().equals(gpu.answer()) ? "identical" : "differ");
            return Outcome.DONE;
        } catch (QueryFailure failure) {
            return session.fail(failure, sql);
        }
    }

    /** Median and minimum of the engine's own elapsed times, and the first answer as exact CSV text. */
    private record Timing(long median, long minimum, String answer, boolean fellBack, String fallbackReason) {
        String line(String engine) {
            return String.format(Locale.ROOT, "%-4s median %14s  min %14s%s", engine, SummaryLine.duration(median),
                    SummaryLine.duration(minimum), fellBack ? "  (ran on the CPU: " + fallbackReason + ")" : "");
        }
    }

    private Timing time(String sql, EngineChoice engine) throws QueryFailure {
        String answer;
        boolean fellBack;
        String reason;
        try (QueryAnswer warmUp = session.backend().run(sql, engine)) {
            StringBuilder text = new StringBuilder();
            CommandSession.print(warmUp, OutputFormat.CSV, PrintOptions.PLAIN, text);
            answer = text.toString();
            fellBack = warmUp.statistics().engine() != engine;
            reason = warmUp.statistics().fallbackReason();
        }
        long[] elapsed = new long[COMPARE_RUNS];
        for (int run = 0; run < COMPARE_RUNS; run++) {
            try (QueryAnswer timed = session.backend().run(sql, engine)) {
                elapsed[run] = timed.statistics().elapsedNanos();
            }
        }
        Arrays.sort(elapsed);
        return new Timing(elapsed[COMPARE_RUNS / 2], elapsed[0], answer, fellBack, reason);
    }
}
