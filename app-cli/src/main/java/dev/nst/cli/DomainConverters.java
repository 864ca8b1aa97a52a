package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.port.in.OptimizerKind;
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

    private static <T> T parse(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidInputException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
