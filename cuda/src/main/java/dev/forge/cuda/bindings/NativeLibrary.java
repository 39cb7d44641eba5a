package dev.forge.cuda.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A shared library opened once for the life of the process, or the reason it could not be opened.
 *
 * <p>Opening never throws: a missing CUDA driver is a normal situation (Forge then runs on the CPU), so the
 * failure is kept and reported by whoever needs the library.
 */
public final class NativeLibrary {
    private static final Linker LINKER = Linker.nativeLinker();

    private final String description;
    private final SymbolLookup lookup;
    private final Path location;
    private final String failure;

    private NativeLibrary(String description, SymbolLookup lookup, Path location, String failure) {
        this.description = description;
        this.lookup = lookup;
        this.location = location;
        this.failure = failure;
    }

    /**
     * Opens the first candidate that loads. A candidate is a bare file name (searched by the system loader,
     * which honours LD_LIBRARY_PATH and the ld.so cache) or an absolute path.
     */
    static NativeLibrary open(String description, List<String> candidates) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            Path path = Path.of(candidate);
            if (path.isAbsolute() && !Files.exists(path)) {
                continue;
            }
            try {
                SymbolLookup lookup = path.isAbsolute()
                        ? SymbolLookup.libraryLookup(path, Arena.global())
                        : SymbolLookup.libraryLookup(candidate, Arena.global());
                return new NativeLibrary(description, lookup, path, null);
            } catch (IllegalArgumentException | IllegalCallerException notLoadable) {
                tried.add(candidate);
            }
        }
        return new NativeLibrary(description, null, null,
                "no " + description + " found (tried " + String.join(", ", tried) + ")");
    }

    public boolean isLoaded() {
        return lookup != null;
    }

    /** Why the library is not loaded, or empty when it is. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The path it was loaded from as given (a bare name when the system loader found it). */
    public Optional<Path> location() {
        return Optional.ofNullable(location);
    }

    public String description() {
        return description;
    }

    /** A downcall handle for {@code name}, or null when the library or the symbol is missing. */
    MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        if (lookup == null) {
            return null;
        }
        return lookup.find(name).map(symbol -> LINKER.downcallHandle(symbol, descriptor, options)).orElse(null);
    }

    /** The first of several symbol names that exists: newer drivers rename calls with _v2, _v3 suffixes. */
    MethodHandle firstFunction(FunctionDescriptor descriptor, String... names) {
        for (String name : names) {
            MethodHandle handle = function(name, descriptor);
            if (handle != null) {
                return handle;
            }
        }
        return null;
    }

    /**
     * What a binding rethrows when {@code invokeExact} threw: runtime exceptions and errors as they are, anything else
     * (the signature says {@code Throwable}, a native call throws nothing else) wrapped.
     */
    static RuntimeException unchecked(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(thrown);
    }

    boolean hasSymbol(String name) {
        return lookup != null && lookup.find(name).isPresent();
    }
}
