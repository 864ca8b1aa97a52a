package dev.nst.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Tiny seeded pictures for the tests, and a way to look at what the command wrote. */
final class TestImages {

    private TestImages() {
    }

    static Path png(Path folder, String name, int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Smooth gradients plus a little noise: something for the network to see.
                int r = (x * 255 / width + random.nextInt(32)) & 0xff;
                int g = (y * 255 / height + random.nextInt(32)) & 0xff;
                int b = random.nextInt(256);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Path file = folder.resolve(name);
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException(file + " is not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long distinctColours(Path file) {
        BufferedImage image = read(file);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
