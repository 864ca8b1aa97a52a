package dev.nst.weights;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.core.port.out.LoadWeightsPort;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where nst finds VGG19 weights. {@code vgg19} is the first of: nst's cache ({@code $NST_HOME/weights}, by default
 * {@code ~/.cache/nst/weights}: converted {@code vgg19}, converted {@code vgg19-torchvision}, or an original file put
 * there by hand), Keras' cache, torch hub's cache, and finally a download of the Keras file. {@code vgg19-torchvision}
 * is looked for the same way among PyTorch's files. An original found outside the converted cache is converted into
 * it once, so later runs load it in a fraction of a second. {@code random[:SEED]} is generated; a path is read in
 * whatever supported format it is. Only the convolutions the deepest requested layer needs are loaded.
 */
public final class WeightsRepository implements LoadWeightsPort {

    /** The environment variable naming nst's home folder. */
    public static final String HOME_VARIABLE = "NST_HOME";
    /** The environment variable naming a mirror: a base URL under which the published file names are found. */
    public static final String MIRROR_VARIABLE = "NST_WEIGHTS_URL";
    /** The system property naming a mirror; it wins over {@value #MIRROR_VARIABLE}. */
    public static final String MIRROR_PROPERTY = "nst.weights.url";
    public static final String VGG19_NAME = PublishedWeights.VGG19.id();
    /** The file keras.applications publishes, and the name it is looked for under. */
    public static final String VGG19_FILE = PublishedWeights.VGG19.fileName();
    public static final String VGG19_URL = PublishedWeights.VGG19.url().toString();

    /** How {@link #fetch} got the weights into the cache. */
    public enum Origin { ALREADY_CACHED, IMPORTED, DOWNLOADED }

    /** The cache entry {@link #fetch} made sure of, and where it came from (a path or URL). */
    public record Fetched(CachedWeights weights, Origin origin, String from) {
    }

    private final WeightsPlaces places;
    private final WeightsCache cache;
    private final Downloads downloads;
    private final WeightsListener listener;

    /** Downloads from the canonical URLs, silently. */
    public WeightsRepository(Path nstHome, Path userHome) {
        this(new WeightsPlaces(Objects.requireNonNull(nstHome, "nstHome"), Objects.requireNonNull(userHome, "userHome"),
                Map.of()), Downloads.configured(Map.of(), new Properties()), WeightsListener.SILENT);
    }

    WeightsRepository(WeightsPlaces places, Downloads downloads, WeightsListener listener) {
        this.places = places;
        this.cache = new WeightsCache(places.cacheFolder());
        this.downloads = downloads;
        this.listener = listener;
    }

    /** nst's home is {@code $NST_HOME} when set, else {@code ~/.cache/nst}. */
    public static WeightsRepository fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #fromEnvironment()}, for a given environment and home folder. */
    public static WeightsRepository fromEnvironment(Map<String, String> environment, Path userHome) {
        return fromEnvironment(environment, userHome, System.getProperties(), WeightsListener.SILENT);
    }

    /**
     * As {@link #fromEnvironment()}, for a given environment, home folder and system properties (the mirror), telling
     * {@code listener} about imports and downloads.
     */
    public static WeightsRepository fromEnvironment(Map<String, String> environment, Path userHome,
                                                    Properties properties, WeightsListener listener) {
        Path nstHome = Optional.ofNullable(environment.get(HOME_VARIABLE))
                .filter(home -> !home.isBlank())
                .map(home -> Path.of(home.trim()))
                .orElse(userHome.resolve(".cache").resolve("nst"));
        return new WeightsRepository(new WeightsPlaces(nstHome, userHome, environment),
                Downloads.configured(environment, properties), listener);
    }

    public WeightsCache cache() {
        return cache;
    }

    /** Where the published Keras VGG19 file can be put by hand: {@code <nst home>/weights/}{@value #VGG19_FILE}. */
    public Path defaultVgg19Location() {
        return places.cacheFolder().resolve(VGG19_FILE);
    }

    /** Where {@code name} is looked for, in order, before it is downloaded. */
    public List<Path> locations(String name) {
        List<Path> paths = new ArrayList<>();
        List<PublishedWeights> acceptable = acceptable(published(name));
        acceptable.forEach(p -> paths.add(cache.fileOf(p.id())));
        acceptable.forEach(p -> paths.addAll(places.originals(p)));
        return paths;
    }

    /** The URL {@code weights} is downloaded from: the mirror's, if one is set, else the canonical one. */
    public URI urlOf(PublishedWeights weights) {
        return downloads.urlOf(weights);
    }

    @Override
    public Vgg19Weights load(WeightsSpec spec, VggLayer deepest) {
        if (spec instanceof WeightsSpec.Random random) {
            return RandomVgg19Weights.generate(random.seedOr(0), deepest);
        }
        if (spec instanceof WeightsSpec.Named named) {
            return cache.load(resolve(published(named.name())), deepest);
        }
        return WeightsFiles.read(((WeightsSpec.File) spec).path(), deepest);
    }

    /**
     * Makes sure the published weights {@code name} are in nst's cache: already there, converted from an original at
     * hand (unless a checksum is given), or downloaded and converted.
     *
     * @param checksum what the download must hash to instead of the published checksum (for a mirror that serves
     *                 another build of the file)
     * @throws WeightsUnavailableException when the download fails (a partial download is kept and resumed next time)
     * @throws dev.nst.core.domain.WeightsCorruptException when the downloaded file has the wrong checksum
     */
    public Fetched fetch(String name, Optional<Checksum> checksum) {
        PublishedWeights weights = published(name);
        Optional<CachedWeights> cached = cache.find(weights.id());
        if (cached.isPresent()) {
            return new Fetched(cached.get(), Origin.ALREADY_CACHED, cached.get().file().toString());
        }
        if (checksum.isEmpty()) {
            for (Path original : places.originals(weights)) {
                if (Files.isRegularFile(original)) {
                    return new Fetched(importOriginal(weights, original), Origin.IMPORTED, original.toString());
                }
            }
        }
        try {
            return new Fetched(download(weights, checksum.orElse(downloads.checksumOf(weights))), Origin.DOWNLOADED,
                    urlOf(weights).toString());
        } catch (DownloadFailedException e) {
            throw new WeightsUnavailableException("cannot download " + weights.id() + ": fetching " + urlOf(weights)
                    + " failed: " + e.getMessage() + "." + partialNote(weights) + " " + byHand(weights), e);
        }
    }

    /** The cache entry for {@code wanted}, going through the places {@link #locations} lists, then downloading. */
    private CachedWeights resolve(PublishedWeights wanted) {
        List<PublishedWeights> acceptable = acceptable(wanted);
        for (PublishedWeights weights : acceptable) {
            Optional<CachedWeights> cached = cache.find(weights.id());
            if (cached.isPresent()) {
                noteStandIn(wanted, weights, cached.get().file());
                return cached.get();
            }
        }
        for (PublishedWeights weights : acceptable) {
            for (Path original : places.originals(weights)) {
                if (Files.isRegularFile(original)) {
                    noteStandIn(wanted, weights, original);
                    return importOriginal(weights, original);
                }
            }
        }
        try {
            return download(wanted, downloads.checksumOf(wanted));
        } catch (DownloadFailedException e) {
            throw new WeightsUnavailableException("The " + label(wanted) + " weights were not found: looked for "
                    + locations(wanted.id()).stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ", and downloading " + urlOf(wanted) + " failed: " + e.getMessage() + "." + partialNote(wanted)
                    + " " + byHand(wanted), e, List.of(Hint.useRandomWeights()));
        }
    }

    /** Downloads, verifies and converts the published file; the original is deleted once converted. */
    private CachedWeights download(PublishedWeights weights, Checksum checksum) throws DownloadFailedException {
        Path original = places.cacheFolder().resolve(weights.fileName());
        URI url = urlOf(weights);
        listener.note("downloading " + weights.id() + " (" + weights.size() + ") from " + url);
        FileDigests digests = downloads.downloader().download(url, original, checksum, listener);
        CachedWeights stored = cache.store(weights.id(), WeightsFiles.read(original, VggLayer.POOL5),
                WeightsFiles.format(original), url.toString(), digests);
        try {
            Files.deleteIfExists(original);
        } catch (IOException e) {
            listener.note("cannot delete " + original + " (" + e.getMessage() + "); it is no longer needed");
        }
        listener.note("saved " + weights.id() + " in the nst cache as " + stored.file());
        return stored;
    }

    /** Converts an original file found at hand into the cache (it stays where it is). */
    private CachedWeights importOriginal(PublishedWeights weights, Path original) {
        FileDigests digests;
        try {
            digests = FileDigests.of(original);
        } catch (IOException e) {
            throw new InvalidInputException(original + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (!weights.checksum().matches(digests)) {
            listener.note(original + " is not byte for byte the published " + weights.fileName() + " (its "
                    + weights.checksum().algorithm().id() + " is " + digests.of(weights.checksum().algorithm())
                    + ", published " + weights.checksum() + "); using it as it reads as VGG19 weights");
        }
        CachedWeights stored = cache.store(weights.id(), WeightsFiles.read(original, VggLayer.POOL5),
                WeightsFiles.format(original), original.toString(), digests);
        listener.note("converted " + original + " into the nst cache as " + stored.file()
                + "; later runs load it from there");
        return stored;
    }

    private void noteStandIn(PublishedWeights wanted, PublishedWeights found, Path where) {
        if (wanted != found) {
            listener.note(wanted.id() + ": using the " + label(found) + " weights (" + where + "); loss weights not"
                    + " given take the defaults scaled for them");
        }
    }

    /** {@code vgg19} accepts whichever published VGG19 is at hand; {@code vgg19-torchvision} only PyTorch's. */
    private static List<PublishedWeights> acceptable(PublishedWeights wanted) {
        return wanted == PublishedWeights.VGG19
                ? List.of(PublishedWeights.VGG19, PublishedWeights.VGG19_TORCHVISION) : List.of(wanted);
    }

    private static PublishedWeights published(String name) {
        return PublishedWeights.byId(name).orElseThrow(() -> new InvalidInputException("unknown weights '" + name
                + "'; valid names are " + String.join(", ", PublishedWeights.ids())
                + " (or use random[:SEED], or the path of a weights file)"));
    }

    private static String label(PublishedWeights weights) {
        return weights == PublishedWeights.VGG19 ? "VGG19" : "torchvision VGG19";
    }

    private String partialNote(PublishedWeights weights) {
        Path part = Downloader.partOf(places.cacheFolder().resolve(weights.fileName()));
        try {
            return Files.isRegularFile(part) ? " The " + Files.size(part) + " bytes received are kept in " + part
                    + " and the download resumes from there next time." : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String byHand(PublishedWeights weights) {
        return "Download " + weights.url() + " (" + weights.size() + ") yourself and put it in "
                + places.cacheFolder() + File.separator + " (set " + HOME_VARIABLE + " to use another folder), or run"
                + " 'nst weights fetch " + weights.id() + "' when online (set " + MIRROR_VARIABLE + " to use a"
                + " mirror).";
    }
}
