package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.WeightsUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Failures that are hard to provoke end to end: the mapping itself and the unexpected ones. */
class FailureReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final FailureReporter reporter =
            new FailureReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    private final CommandLine commandLine = new CommandLine(new NstCommand());

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitCodesFollowTheFailureType() {
        assertThat(reporter.getExitCode(new InvalidInputException("x"))).isEqualTo(2);
        assertThat(reporter.getExitCode(new BackendUnavailableException("x"))).isEqualTo(3);
        assertThat(reporter.getExitCode(new WeightsUnavailableException("x"))).isEqualTo(3);
        assertThat(reporter.getExitCode(new TransferFailedException("x"))).isEqualTo(1);
        assertThat(reporter.getExitCode(new IllegalStateException("x"))).isEqualTo(1);
    }

    @Test
    void aTransferFailureIsOneErrorLine() throws Exception {
        int code = reporter.handleExecutionException(new TransferFailedException("out of memory\nat 512 px"),
                commandLine, null);

        assertThat(code).isEqualTo(1);
        assertThat(printed()).isEqualTo("error: out of memory at 512 px" + System.lineSeparator());
    }

    @Test
    void anUnexpectedFailureNamesItsClass() throws Exception {
        int code = reporter.handleExecutionException(new IllegalStateException("boom"), commandLine, null);

        assertThat(code).isEqualTo(1);
        assertThat(printed()).isEqualTo("error: unexpected failure: IllegalStateException: boom" + System.lineSeparator());
    }

    @Test
    void runningOutOfMemorySuggestsWhatToDo() {
        int code = reporter.handleUncaught(new OutOfMemoryError("Java heap space"));

        assertThat(code).isEqualTo(1);
        assertThat(printed()).startsWith("error: out of memory (Java heap space); try a smaller --size")
                .containsOnlyOnce(System.lineSeparator());
    }
}
