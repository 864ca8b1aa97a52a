package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link Main#run} with captured streams and an environment the test controls. */
final class CliRunner {

    private CliRunner() {
    }

    record Result(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }

        /** Handled failures and notes never show a stack trace or an exception class name. */
        Result assertNoTrace() {
            assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
            return this;
        }
    }

    /**
     * An environment with nothing set and the user's home (so {@code ~/.cache/nst} and {@code ~/.keras}) inside
     * {@code home}; {@code variables} are added to it.
     */
    static CliEnvironment environment(Path home, boolean terminal, String... variables) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            map.put(variables[i], variables[i + 1]);
        }
        return new CliEnvironment(map, home, terminal);
    }

    static Result run(CliEnvironment environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(outStream, errStream, environment, args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
