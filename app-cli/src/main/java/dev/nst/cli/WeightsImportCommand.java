package dev.nst.cli;

import dev.nst.weights.CachedWeights;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nst weights import FILE}: converts a weights file of any supported format into nst's cache. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Converts a VGG19 weights file (Keras HDF5, PyTorch .pth in either format, Caffe .caffemodel in"
                + " either encoding, or nst safetensors) into nst's cache, recognised by its content.")
final class WeightsImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the cache entry (default: vgg19 or vgg19-torchvision for the published files,"
                    + " else the file's name). The published names are what --weights vgg19 and"
                    + " --weights vgg19-torchvision load.")
    String name;

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    WeightsImportCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CachedWeights entry = ServiceWiring.weightsRepository(environment, err).cache()
                .importFile(file, Optional.ofNullable(name));
        out.println("imported " + file + " (" + entry.sourceFormat() + ") as " + entry.name() + ": " + entry.file()
                + " (" + DownloadProgressPrinter.size(entry.size()) + ", " + entry.preprocessing() + ")");
        return 0;
    }
}
