package dev.nst.core.domain;

/**
 * The settings a user gives a style transfer, one constant each. Core failures name the setting at fault with one of
 * these and leave the wording to each adapter: the CLI calls {@link #TV_WEIGHT} {@code --tv-weight}, the HTTP API
 * {@code tvWeight}. {@link #label()} is a neutral name for logs and for messages no adapter rewords.
 */
public enum Setting {
    CONTENT("content image"),
    STYLE("style image"),
    STYLE_BLEND("style blend weights"),
    INIT("initial image"),
    SIZE("size"),
    ITERATIONS("iterations"),
    OPTIMIZER("optimizer"),
    LEARNING_RATE("learning rate"),
    CONTENT_WEIGHT("content weight"),
    STYLE_WEIGHT("style weight"),
    TV_WEIGHT("TV weight"),
    CONTENT_LAYERS("content layers"),
    STYLE_LAYERS("style layers"),
    SEED("seed"),
    POOLING("pooling"),
    STYLE_SCALE("style scale"),
    WEIGHTS("weights"),
    BACKEND("backend"),
    PRECISION("precision"),
    THREADS("threads"),
    COLORS("colour mode"),
    STYLE_MASK("style masks"),
    CONTENT_MASK("content mask"),
    STYLE_LAYER_WEIGHTS("style layer weights"),
    CONTENT_LAYER_WEIGHTS("content layer weights"),
    SCALES("scales"),
    TILE_SIZE("tile size"),
    LBFGS_HISTORY("L-BFGS history"),
    MAX_MEMORY("memory limit");

    private final String label;

    Setting(String label) {
        this.label = label;
    }

    /** A neutral name, e.g. {@code TV weight}. */
    public String label() {
        return label;
    }
}
