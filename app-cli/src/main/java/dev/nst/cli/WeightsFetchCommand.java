package dev.nst.cli;

import dev.nst.weights.Checksum;
import dev.nst.weights.WeightsRepository;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nst weights fetch [NAME]}: makes published weights available in nst's cache. */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Puts published VGG19 weights into nst's cache: converts them from Keras' or torch hub's cache"
                + " if they are there, else downloads them (resuming a partial download) and checks their checksum.",
            "Downloads come from $NST_WEIGHTS_URL (or -Dnst.weights.url) if set, a mirror under which the published"
                + " file names are found, else from the published URL; Java's proxy settings apply."})
final class WeightsFetchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "vgg19", paramLabel = "NAME",
            description = "vgg19 (the Keras/Caffe network) or vgg19-torchvision (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--checksum", paramLabel = "md5:HEX|sha256:HEX",
            converter = DomainConverters.ChecksumConverter.class,
            description = "Download anyway and expect this checksum instead of the published one, for a mirror that"
                    + " serves another build of the file.")
    Checksum checksum;

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    WeightsFetchCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        WeightsRepository.Fetched fetched = ServiceWiring.weightsRepository(environment, err)
                .fetch(name, Optional.ofNullable(checksum));
        String what = switch (fetched.origin()) {
            case ALREADY_CACHED -> "already in the nst cache";
            case IMPORTED -> "converted from " + fetched.from();
            case DOWNLOADED -> "downloaded from " + fetched.from();
        };
        out.println(fetched.weights().name() + ": " + what + ": " + fetched.weights().file() + " ("
                + DownloadProgressPrinter.size(fetched.weights().size()) + ", "
                + fetched.weights().preprocessing() + ")");
        return 0;
    }
}
