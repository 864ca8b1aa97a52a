package dev.nst.core.domain.tiling;

/** The positions {@code start .. end-1} along one axis. */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("not a span: " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }
}
