package dev.nst.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a {@link LibrarySet} by absolute path, before the JNI library that links against it is loaded. */
public final class LibraryPreloader {

    /** Loads one native library by absolute path ({@link System#load} in production). */
    @FunctionalInterface
    public interface Loader {
        void load(Path library);
    }

    /** A required library of the set could not be loaded. */
    public static final class LoadFailure extends RuntimeException {
        private final Path library;

        LoadFailure(Path library, String detail) {
            super(library + ": " + detail);
            this.library = library;
        }

        public Path library() {
            return library;
        }
    }

    private final Loader loader;

    public LibraryPreloader(Loader loader) {
        this.loader = loader;
    }

    /**
     * Loads the optional libraries as far as they load, then the required ones in order.
     *
     * @return what went wrong with optional libraries, one line each (empty when all loaded)
     * @throws LoadFailure when a required library does not load
     */
    public List<String> load(LibrarySet set) {
        List<String> skipped = new ArrayList<>();
        for (Path library : set.optional()) {
            try {
                loader.load(library.toAbsolutePath());
            } catch (UnsatisfiedLinkError | SecurityException e) {
                skipped.add(library.getFileName() + ": " + LinkErrors.summary(e.getMessage()));
            }
        }
        for (Path library : set.required()) {
            try {
                loader.load(library.toAbsolutePath());
            } catch (UnsatisfiedLinkError | SecurityException e) {
                throw new LoadFailure(library, LinkErrors.summary(e.getMessage()));
            }
        }
        return skipped;
    }
}
