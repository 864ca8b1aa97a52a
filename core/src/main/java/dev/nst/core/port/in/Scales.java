package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The sizes a transfer is optimised at, coarse to fine: one stage at the output's size, a schedule chosen for it
 * ({@link Auto}), or the sizes given ({@link Given}). Each stage starts from the one before, upsampled, so the coarse
 * stages settle the composition cheaply and the fine ones add the detail.
 *
 * <p>The automatic schedule doubles from the smallest size of at least {@value #AUTO_SMALLEST} px that halving the
 * output's size reaches (a 2048 px output: 256, 512, 1024, 2048), as jcjohnson/neural-style's multires script; the
 * iterations halve from stage to stage (1000, 500, 250, 125 by default, close to that script's 1000/500/200/100),
 * since an iteration costs four times as much at twice the size: each stage costs about twice the one before, and
 * the last about half of the whole run.
 */
public sealed interface Scales {

    /** The smallest first stage of the automatic schedule. */
    int AUTO_SMALLEST = 256;
    /** No stage of the automatic schedule after the first gets fewer iterations than this (or than the first's). */
    int AUTO_FEWEST_ITERATIONS = 50;

    /** One stage at the output's size. */
    record Single() implements Scales {
    }

    /** The schedule chosen for the output's size (see {@link Scales}). */
    record Auto() implements Scales {
    }

    /** The longer side of each stage, ascending; the last one is the output's size. */
    record Given(List<Integer> sizes) implements Scales {
        public Given {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new InvalidInputException(Setting.SCALES, "give at least one size, or auto");
            }
            for (int i = 0; i < sizes.size(); i++) {
                if (sizes.get(i) < 1) {
                    throw InvalidInputException.mustBe(Setting.SCALES, "positive sizes", sizes.get(i));
                }
                if (i > 0 && sizes.get(i) <= sizes.get(i - 1)) {
                    throw new InvalidInputException(Setting.SCALES, "sizes must increase, got " + sizes.get(i)
                            + " after " + sizes.get(i - 1));
                }
            }
        }

        /** The output's size: the last stage's. */
        public int last() {
            return sizes.get(sizes.size() - 1);
        }
    }

    /** {@code auto}, or sizes separated by commas such as {@code 256,512,1024}. */
    static Scales parse(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("auto")) {
            return new Auto();
        }
        List<Integer> sizes = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            try {
                sizes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(Setting.SCALES, "use auto or sizes in pixels separated by commas,"
                        + " such as 256,512,1024; got '" + text + "'");
            }
        }
        return new Given(sizes);
    }

    /**
     * The stages for an output of {@code size} px with {@code iterations}: one value (every stage alike; under
     * {@link Auto} the first stage's, the later ones halving) or one per stage.
     *
     * @throws InvalidInputException naming {@link Setting#SCALES} when the last size is not {@code size}, or
     *                               {@link Setting#ITERATIONS} when the counts do not match the stages
     */
    default List<Stage> stages(int size, List<Integer> iterations) {
        if (iterations.isEmpty()) {
            throw new InvalidInputException(Setting.ITERATIONS, "give one number, or one per stage");
        }
        List<Integer> sizes = sizes(size);
        if (iterations.size() != 1 && iterations.size() != sizes.size()) {
            throw new InvalidInputException(Setting.ITERATIONS, "give one number, or one per stage: got "
                    + iterations.size() + " for " + sizes.size() + " stages (" + join(sizes) + " px)");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            int count = iterations.size() > 1 ? iterations.get(i) : iterations.get(0);
            if (this instanceof Auto && iterations.size() == 1 && i > 0) {
                count = Math.max(Math.min(count, AUTO_FEWEST_ITERATIONS), count >> i);
            }
            stages.add(new Stage(sizes.get(i), count));
        }
        return stages;
    }

    /** The stage sizes for an output of {@code size} px. */
    default List<Integer> sizes(int size) {
        if (this instanceof Given given) {
            if (given.last() != size) {
                throw new InvalidInputException(Setting.SCALES, "the last size is the output's, " + size
                        + " px; got " + join(given.sizes()));
            }
            return given.sizes();
        }
        if (this instanceof Single) {
            return List.of(size);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int s = size; s >= AUTO_SMALLEST || sizes.isEmpty(); s = (s + 1) / 2) {
            sizes.add(s);
            if ((s + 1) / 2 < AUTO_SMALLEST) {
                break;
            }
        }
        Collections.reverse(sizes);
        return List.copyOf(sizes);
    }

    private static String join(List<Integer> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }

    /** {@code auto}, the sizes, or empty for one stage: as a user would write it. */
    default String describe() {
        if (this instanceof Given given) {
            return join(given.sizes());
        }
        return this instanceof Auto ? "auto" : "";
    }

    /** A parser for lists of counts: {@code 1000} or {@code 1000,500,200}. */
    static List<Integer> parseIterations(String text) {
        try {
            return Arrays.stream(text.split(",", -1)).map(String::trim).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Setting.ITERATIONS, "use a whole number, or one per stage separated by"
                    + " commas; got '" + text + "'");
        }
    }
}
