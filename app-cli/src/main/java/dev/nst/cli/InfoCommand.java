package dev.nst.cli;

import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageInfo;
import dev.nst.core.image.Orientation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nst info FILE}: what a picture is, as nst reads it, and how an nst result was made. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Describes a picture: format, size (upright, as nst reads it), samples, colour profile,"
                + " orientation, and the text it carries; for an nst result, the software and options that made it.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The picture.")
    Path file;

    private final PrintStream out;

    InfoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ImageInfo info = ImageFiles.info(file);
        ImageFiles.Dimensions upright = info.upright();
        out.println("file:         " + file);
        out.println("format:       " + info.format().toUpperCase(java.util.Locale.ROOT));
        out.println("size:         " + upright.width() + " x " + upright.height() + " px"
                + (info.orientation().swapsSides() ? " (stored " + info.stored().width() + " x "
                + info.stored().height() + ")" : ""));
        out.println("samples:      " + info.bands() + " x " + info.bitsPerSample() + " bits"
                + (info.alpha() ? ", with transparency" : ""));
        out.println("colour:       " + info.profile().map(p -> "ICC profile \"" + p + "\" (converted to sRGB when read)")
                .orElse("sRGB"));
        if (info.orientation() != Orientation.UPRIGHT) {
            out.println("orientation:  EXIF " + info.orientation().tag() + " (" + describe(info.orientation())
                    + "; turned upright when read)");
        }
        for (Map.Entry<String, String> entry : info.text().entrySet()) {
            out.println(String.format("%-13s %s", entry.getKey() + ":", entry.getValue().replaceAll("\\R", " ")));
        }
        return 0;
    }

    private static String describe(Orientation orientation) {
        return switch (orientation) {
            case UPRIGHT -> "upright";
            case MIRROR_HORIZONTAL -> "mirrored left to right";
            case ROTATE_180 -> "upside down";
            case MIRROR_VERTICAL -> "mirrored top to bottom";
            case TRANSPOSE -> "mirrored along the diagonal";
            case ROTATE_90 -> "shown turned a quarter clockwise";
            case TRANSVERSE -> "mirrored along the other diagonal";
            case ROTATE_270 -> "shown turned a quarter anticlockwise";
        };
    }
}
