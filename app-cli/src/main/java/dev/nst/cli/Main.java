package dev.nst.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code nst} command: {@code transfer}, {@code plan}, {@code weights}, {@code info}, {@code backends} and
 * {@code bench}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, CliEnvironment.system(System.console() != null), args));
    }

    /** Runs one command line against the process's environment and returns its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        boolean terminal = out == System.out && System.console() != null;
        return run(out, err, CliEnvironment.system(terminal), args);
    }

    static int run(PrintStream out, PrintStream err, CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new NstCommand())
                .addSubcommand(new TransferCommand(environment, out, err))
                .addSubcommand(new PlanCommand(environment, out, err))
                .addSubcommand(new CommandLine(new WeightsCommand())
                        .addSubcommand(new WeightsFetchCommand(environment, out, err))
                        .addSubcommand(new WeightsListCommand(environment, out, err))
                        .addSubcommand(new WeightsVerifyCommand(environment, out, err))
                        .addSubcommand(new WeightsImportCommand(environment, out, err))
                        .addSubcommand(new WeightsInfoCommand(out)))
                .addSubcommand(new InfoCommand(out))
                .addSubcommand(new BackendsCommand(out))
                .addSubcommand(new BenchCommand(environment, out, err));
        FailureReporter failures = new FailureReporter(err, environment.debug());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExitCodeExceptionMapper(failures);
        int code;
        try {
            code = commandLine.execute(args);
        } catch (RuntimeException | Error failure) {
            code = failures.handleUncaught(failure);
        }
        out.flush();
        err.flush();
        return code;
    }
}
