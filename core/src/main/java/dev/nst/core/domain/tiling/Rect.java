package dev.nst.core.domain.tiling;

/** A rectangle of positions on some grid: rows {@code y .. y+height-1}, columns {@code x .. x+width-1}. */
public record Rect(int y, int x, int height, int width) {

    public Rect {
        if (y < 0 || x < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("not a rectangle: " + height + "x" + width + " at " + y + "," + x);
        }
    }

    public long area() {
        return (long) height * width;
    }
}
