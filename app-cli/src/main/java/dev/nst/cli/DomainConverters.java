package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Scales;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.out.Precision;
import dev.nst.weights.Checksum;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values parsed by the domain's own parsers, so that a bad value is a usage error naming the option
 * ({@code Invalid value for option '--pooling': unknown pooling 'min'; use max or avg}).
 */
final class DomainConverters {

    private DomainConverters() {
    }

    /** A comma-separated layer list such as {@code relu1_1,relu2_1}; a value type so picocli treats it as one value. */
    record Layers(List<VggLayer> list) {
    }

    static final class LayersConverter implements ITypeConverter<Layers> {
        @Override
        public Layers convert(String value) {
            return parse(value, text -> new Layers(VggLayer.parseList(text)));
        }
    }

    static final class OptimizerConverter implements ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String value) {
            return parse(value, OptimizerKind::parse);
        }
    }

    static final class ColorModeConverter implements ITypeConverter<ColorMode> {
        @Override
        public ColorMode convert(String value) {
            return parse(value, ColorMode::parse);
        }
    }

    static final class PoolingConverter implements ITypeConverter<Pooling> {
        @Override
        public Pooling convert(String value) {
            return parse(value, Pooling::parse);
        }
    }

    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return parse(value, Precision::parse);
        }
    }

    static final class WeightsConverter implements ITypeConverter<WeightsSpec> {
        @Override
        public WeightsSpec convert(String value) {
            return parse(value, WeightsSpec::parse);
        }
    }

    static final class ChecksumConverter implements ITypeConverter<Checksum> {
        @Override
        public Checksum convert(String value) {
            return parse(value, Checksum::parse);
        }
    }

    static final class ScalesConverter implements ITypeConverter<Scales> {
        @Override
        public Scales convert(String value) {
            return parse(value, Scales::parse);
        }
    }

    static final class IterationsConverter implements ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            return parse(value, Scales::parseIterations);
        }
    }

    static final class TilingConverter implements ITypeConverter<Tiling> {
        @Override
        public Tiling convert(String value) {
            return parse(value, Tiling::parse);
        }
    }

    /** {@code 8G}, {@code 512M}, {@code 1.5g}, {@code 300000000} (bytes); binary units (K = 1024). */
    static final class BytesConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, BytesConverter::bytes);
        }

        static long bytes(String text) {
            String trimmed = text.trim().toUpperCase(java.util.Locale.ROOT);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([KMGT]?)I?B?")
                    .matcher(trimmed);
            if (!m.matches()) {
                throw new InvalidInputException(dev.nst.core.domain.Setting.MAX_MEMORY, "use a size such as 8G, 512M"
                        + " or a number of bytes; got '" + text.trim() + "'");
            }
            int shift = switch (m.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                case "T" -> 40;
                default -> 0;
            };
            return (long) (Double.parseDouble(m.group(1)) * (1L << shift));
        }
    }

    private static <T> T parse(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidInputException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
