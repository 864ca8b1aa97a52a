package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.core.port.out.LoadWeightsPort;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where nst finds VGG19 weights: {@code vgg19} is the published Keras file, looked for in nst's cache
 * ({@code $NST_HOME/weights}, by default {@code ~/.cache/nst/weights}) and then in Keras' own cache
 * ({@code ~/.keras/models}); {@code random[:SEED]} is generated; a path is read as a Keras VGG19 HDF5 file. Only
 * the convolutions the deepest requested layer needs are loaded.
 */
public final class WeightsRepository implements LoadWeightsPort {

    /** The environment variable naming nst's home folder. */
    public static final String HOME_VARIABLE = "NST_HOME";
    public static final String VGG19_NAME = "vgg19";
    /** The file keras.applications publishes, and the name it is looked for under. */
    public static final String VGG19_FILE = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5";
    public static final String VGG19_URL = "https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
            + VGG19_FILE;

    private final Path nstHome;
    private final Path userHome;

    public WeightsRepository(Path nstHome, Path userHome) {
        this.nstHome = Objects.requireNonNull(nstHome, "nstHome");
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    /** nst's home is {@code $NST_HOME} when set, else {@code ~/.cache/nst}. */
    public static WeightsRepository fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #fromEnvironment()}, for a given environment and home folder. */
    public static WeightsRepository fromEnvironment(Map<String, String> environment, Path userHome) {
        Path nstHome = Optional.ofNullable(environment.get(HOME_VARIABLE))
                .filter(home -> !home.isBlank())
                .map(home -> Path.of(home.trim()))
                .orElse(userHome.resolve(".cache").resolve("nst"));
        return new WeightsRepository(nstHome, userHome);
    }

    /** Where the published VGG19 file should be put: {@code <nst home>/weights/}{@value #VGG19_FILE}. */
    public Path defaultVgg19Location() {
        return nstHome.resolve("weights").resolve(VGG19_FILE);
    }

    /** The places {@code vgg19} is looked for, in order. */
    public List<Path> vgg19Locations() {
        return List.of(defaultVgg19Location(), userHome.resolve(".keras").resolve("models").resolve(VGG19_FILE));
    }

    @Override
    public Vgg19Weights load(WeightsSpec spec, VggLayer deepest) {
        if (spec instanceof WeightsSpec.Random random) {
            return RandomVgg19Weights.generate(random.seedOr(0), deepest);
        }
        if (spec instanceof WeightsSpec.Named named) {
            return loadFile(findNamed(named), deepest);
        }
        return loadFile(((WeightsSpec.File) spec).path(), deepest);
    }

    private Path findNamed(WeightsSpec.Named named) {
        if (!named.name().trim().toLowerCase(Locale.ROOT).equals(VGG19_NAME)) {
            throw new InvalidInputException("unknown weights '" + named.name() + "'; valid names are " + VGG19_NAME
                    + " (or use random[:SEED], or the path of a Keras VGG19 HDF5 file)");
        }
        List<Path> locations = vgg19Locations();
        return locations.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new WeightsUnavailableException("The VGG19 weights were not found: looked for "
                        + locations.get(0) + " and " + locations.get(1) + ". Download " + VGG19_URL
                        + " (80 MB) and put it in " + defaultVgg19Location().getParent() + File.separator
                        + " (set " + HOME_VARIABLE + " to use another folder). To run offline without it, use"
                        + " --weights random (results will not look like real style transfer)."));
    }

    private static Vgg19Weights loadFile(Path file, VggLayer deepest) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a folder, not a weights file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such weights file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + ": weights file is not readable (permission denied)");
        }
        boolean hdf5;
        try {
            hdf5 = Hdf5Signature.isPresentIn(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": weights file cannot be read (" + e.getMessage() + ")", e);
        }
        if (!hdf5) {
            throw new InvalidInputException(file + ": not a supported weights file (expected a Keras VGG19 HDF5 file)");
        }
        return new KerasHdf5Reader(file).read(deepest);
    }
}
