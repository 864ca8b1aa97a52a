package dev.nst.weights;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The ImageNet VGG19 weights nst can fetch by name: where they are published and how to recognise them. */
public enum PublishedWeights {

    /** keras.applications' VGG19 without its classifier: the Caffe network, BGR input on the 0..255 scale. */
    VGG19("vgg19", "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg19/",
            new Checksum(Checksum.Algorithm.MD5, "253f8cb515780f3b799900260a226db6"), "80 MB"),
    /** torchvision's VGG19 (2017), classifier included: RGB input scaled to 0..1 and normalised. */
    VGG19_TORCHVISION("vgg19-torchvision", "vgg19-dcbb9e9d.pth", "https://download.pytorch.org/models/",
            new Checksum(Checksum.Algorithm.SHA256, "dcbb9e9d"), "575 MB");

    private final String id;
    private final String fileName;
    private final String baseUrl;
    private final Checksum checksum;
    private final String size;

    PublishedWeights(String id, String fileName, String baseUrl, Checksum checksum, String size) {
        this.id = id;
        this.fileName = fileName;
        this.baseUrl = baseUrl;
        this.checksum = checksum;
        this.size = size;
    }

    /** The name users give, e.g. {@code vgg19-torchvision}; also the name of its entry in nst's cache. */
    public String id() {
        return id;
    }

    /** The published file's name, which mirrors and the Keras / torch hub caches use too. */
    public String fileName() {
        return fileName;
    }

    /** The canonical URL. */
    public URI url() {
        return URI.create(baseUrl + fileName);
    }

    /** The published checksum (torchvision publishes the first 8 hex digits of the SHA-256, in the file name). */
    public Checksum checksum() {
        return checksum;
    }

    /** The download size, for messages. */
    public String size() {
        return size;
    }

    public static Optional<PublishedWeights> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id.trim())).findFirst();
    }

    /** The published weights whose checksum the digests match, if any. */
    public static Optional<PublishedWeights> recognise(FileDigests digests) {
        return Arrays.stream(values()).filter(p -> p.checksum.matches(digests)).findFirst();
    }

    /** Every id, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(PublishedWeights::id).toList();
    }
}
