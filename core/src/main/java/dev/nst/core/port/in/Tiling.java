package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.Locale;

/**
 * Whether the network runs on tiles of the image: {@link Auto} tiles only where the memory plan says the whole image
 * does not fit, {@link Off} never, {@link Size} always, with interiors of that many pixels. Tiles are exact (see
 * {@link dev.nst.core.domain.tiling.TileGrid}): they change how much memory and time an iteration takes, not the result
 * beyond float rounding.
 */
public sealed interface Tiling {

    /** The smallest tile interior accepted: below it the halos cost many times the interior. */
    int SMALLEST = 16;

    /** Tiles where the plan says the whole image does not fit, as large as fit. */
    record Auto() implements Tiling {
    }

    /** The whole image at once. */
    record Off() implements Tiling {
    }

    /** Tiles whose interiors are at most {@code size} px on each side (rounded up to the network's stride). */
    record Size(int size) implements Tiling {
        public Size {
            if (size < SMALLEST || size > TransferSettings.MAX_SIZE) {
                throw InvalidInputException.mustBe(Setting.TILE_SIZE, "auto, off, or between " + SMALLEST + " and "
                        + TransferSettings.MAX_SIZE, size);
            }
        }
    }

    /** {@code auto}, {@code off} or a number of pixels. */
    static Tiling parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> new Auto();
            case "off" -> new Off();
            default -> {
                try {
                    yield new Size(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(Setting.TILE_SIZE, "use auto, off or a number of pixels; got '"
                            + (text == null ? "" : text.trim()) + "'");
                }
            }
        };
    }

    /** As a user would write it. */
    default String describe() {
        if (this instanceof Size size) {
            return String.valueOf(size.size());
        }
        return this instanceof Off ? "off" : "auto";
    }
}
