package dev.nst.core.domain;

import java.util.List;

/**
 * An image is too small for the deepest layer a loss reads, once resized for the transfer: each of that layer's
 * poolings halves it, and nothing may be left of it. Carries what each adapter needs to say so in its own words.
 *
 * @see VggLayer#minimumInputSide()
 */
public final class ImageTooSmallException extends InvalidInputException {

    private final int index;
    private final int count;
    private final int width;
    private final int height;
    private final int size;
    private final VggLayer layer;

    /**
     * @param setting {@link Setting#CONTENT} or {@link Setting#STYLE}
     * @param index   which of {@code count} images of that setting (0-based; 0 of 1 for the content)
     * @param width   its width after resizing
     * @param height  its height after resizing
     * @param size    the longer side it was resized to
     * @param layer   the deepest layer a loss reads
     */
    public ImageTooSmallException(Setting setting, int index, int count, int width, int height, int size,
                                  VggLayer layer) {
        super(setting, width + "x" + height, reason(width, height, layer), false, List.of());
        this.index = index;
        this.count = count;
        this.width = width;
        this.height = height;
        this.size = size;
        this.layer = layer;
    }

    private static String reason(int width, int height, VggLayer layer) {
        return width + "x" + height + " px after resizing; layer " + layer.id() + " needs at least "
                + layer.minimumInputSide() + " px on each side";
    }

    /** The neutral message: {@code the content image is 64x12 px after resizing; layer relu5_1 needs ...}. */
    @Override
    public String getMessage() {
        return imageName() + " is " + reason();
    }

    /** {@code the content image}, {@code the style image}, or {@code style image 2} when there are several. */
    public String imageName() {
        if (setting().orElseThrow() == Setting.CONTENT) {
            return "the content image";
        }
        return count == 1 ? "the style image" : "style image " + (index + 1);
    }

    /** Which of {@link #count()} images of its setting, 0-based. */
    public int index() {
        return index;
    }

    public int count() {
        return count;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The longer side the image was resized to. */
    public int size() {
        return size;
    }

    public VggLayer layer() {
        return layer;
    }

    /** The shortest side {@link #layer()} can be computed from. */
    public int minimumSide() {
        return layer.minimumInputSide();
    }
}
