package dev.forge.cuda.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CUDA C++ source for one compilation: the main file, the headers it includes by quoted name, extra compiler
 * options, C++ name expressions whose mangled names are wanted (template kernels), and optionally a fatbin that
 * the build made from the same files with nvcc.
 */
public record KernelSource(
        String name,
        String code,
        Map<String, String> headers,
        List<String> options,
        List<String> nameExpressions,
        byte[] prebuiltFatbin) {

    private static final Pattern QUOTED_INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    public KernelSource {
        headers = Map.copyOf(headers);
        options = List.copyOf(options);
        nameExpressions = List.copyOf(nameExpressions);
    }

    /** Source text with no headers, options or prebuilt binary (e.g. generated query kernels). */
    public static KernelSource of(String name, String code) {
        return new KernelSource(name, code, Map.of(), List.of(), List.of(), null);
    }

    /**
     * Loads a kernel file shipped on the class path (from a module's {@code src/main/cuda}), every header it
     * includes with quotes (searched in the same folder, recursively), and the fatbin the build compiled from it
     * if there is one ({@code name.fatbin} beside {@code name.cu}).
     */
    public static KernelSource fromResource(Class<?> anchor, String path) {
        String folder = path.substring(0, path.lastIndexOf('/') + 1);
        String code = readText(anchor, path).orElseThrow(() -> new UncheckedIOException(
                new IOException("kernel source " + path + " is not on the class path of " + anchor.getName())));
        Map<String, String> headers = new LinkedHashMap<>();
        collectHeaders(anchor, folder, code, headers);
        String fatbinPath = path.replaceFirst("\\.cu$", ".fatbin");
        byte[] fatbin = fatbinPath.equals(path) ? null : readBytes(anchor, fatbinPath).orElse(null);
        return new KernelSource(path.substring(folder.length()), code, headers, List.of(), List.of(), fatbin);
    }

    private static void collectHeaders(Class<?> anchor, String folder, String code, Map<String, String> headers) {
        Matcher include = QUOTED_INCLUDE.matcher(code);
        while (include.find()) {
            String header = include.group(1);
            if (headers.containsKey(header)) {
                continue;
            }
            String text = readText(anchor, folder + header).orElseThrow(() -> new UncheckedIOException(new IOException(
                    "header \"" + header + "\" included by a kernel is not on the class path in " + folder)));
            headers.put(header, text);
            collectHeaders(anchor, folder, text, headers);
        }
    }

    private static Optional<String> readText(Class<?> anchor, String path) {
        return readBytes(anchor, path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> readBytes(Class<?> anchor, String path) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", unreadable);
        }
    }

    public KernelSource withOptions(String... extraOptions) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(extraOptions));
        return new KernelSource(name, code, headers, all, nameExpressions, prebuiltFatbin);
    }

    public KernelSource withNameExpressions(String... expressions) {
        List<String> all = new ArrayList<>(nameExpressions);
        all.addAll(List.of(expressions));
        return new KernelSource(name, code, headers, options, all, prebuiltFatbin);
    }

    /** The same source without the prebuilt binary, so that it is compiled at run time. */
    public KernelSource withoutPrebuilt() {
        return new KernelSource(name, code, headers, options, nameExpressions, null);
    }

    public Optional<byte[]> prebuilt() {
        return Optional.ofNullable(prebuiltFatbin);
    }
}
