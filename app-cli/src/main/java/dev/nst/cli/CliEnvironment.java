package dev.nst.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command reads from the world besides its arguments, so tests can set it.
 *
 * @param variables environment variables ({@code NST_WEIGHTS}, {@code NST_BACKEND}, {@code NST_HOME}, {@code NST_DEBUG})
 * @param userHome  the user's home folder (nst's default cache and Keras' cache live under it)
 * @param terminal  whether standard output is an interactive terminal (progress redraws one line)
 */
record CliEnvironment(Map<String, String> variables, Path userHome, boolean terminal) {

    static final String WEIGHTS_VARIABLE = "NST_WEIGHTS";
    static final String DEBUG_VARIABLE = "NST_DEBUG";

    CliEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(userHome, "userHome");
    }

    /** The process's environment; {@code terminal} as the caller determined it. */
    static CliEnvironment system(boolean terminal) {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), terminal);
    }

    /** A variable's value, if set and not blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    boolean debug() {
        return variable(DEBUG_VARIABLE).filter(v -> v.equals("1") || v.equalsIgnoreCase("true")).isPresent();
    }
}
