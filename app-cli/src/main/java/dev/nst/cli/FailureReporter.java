package dev.nst.cli;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.WeightsUnavailableException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become exit codes and messages: 2 for usage and bad input, 3 when a backend or the
 * weights are unavailable, 1 for anything else. Each failure is one {@code error: } line on stderr, in the CLI's
 * words ({@link CliWording}; usage errors add a hint); stack traces only with {@code NST_DEBUG=1}.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNAVAILABLE = 3;

    private final PrintStream err;
    private final boolean debug;

    FailureReporter(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof ParameterException || failure instanceof InvalidInputException) {
            return BAD_INPUT;
        }
        if (failure instanceof BackendUnavailableException || failure instanceof WeightsUnavailableException) {
            return UNAVAILABLE;
        }
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        err.println("error: " + oneLine(failure.getMessage()));
        err.println("try '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        printTraceIfDebugging(failure);
        return getExitCode(failure);
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        return report(failure);
    }

    /** For what picocli lets through: errors such as {@link OutOfMemoryError} thrown while running a command. */
    int handleUncaught(Throwable failure) {
        return report(failure);
    }

    private int report(Throwable failure) {
        if (failure instanceof NstException nst) {
            err.println("error: " + oneLine(CliWording.message(nst)));
        } else if (failure instanceof OutOfMemoryError) {
            err.println("error: out of memory (" + oneLine(failure.getMessage()) + "); try a smaller --size, or give"
                    + " Java more memory, e.g. java -Xmx8g -jar nst.jar ...");
        } else {
            err.println("error: unexpected failure: " + failure.getClass().getSimpleName() + ": "
                    + oneLine(failure.getMessage()));
        }
        printTraceIfDebugging(failure);
        return getExitCode(failure);
    }

    private void printTraceIfDebugging(Throwable failure) {
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
