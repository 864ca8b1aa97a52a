package dev.nst.core.port.in;

import java.util.List;
import java.util.Objects;

/**
 * What a plan of a transfer needs to know: its settings and the sizes of its pictures (read from their headers, no
 * pixel decoded), so that a transfer that cannot fit is refused before anything is read or loaded.
 *
 * @param content      the content picture's size
 * @param styles       each style picture's size
 * @param contentMask  whether a content mask is given
 * @param styleMasks   whether the styles have masks
 * @param initialImage whether the transfer starts from a picture (else noise or the content)
 */
public record PlanTransferQuery(TransferSettings settings, PictureSize content, List<PictureSize> styles,
                                boolean contentMask, boolean styleMasks, boolean initialImage) {

    public PlanTransferQuery {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(content, "content");
        styles = List.copyOf(styles);
    }

    /** The query of a transfer whose pictures are already read. */
    public static PlanTransferQuery of(TransferStyleCommand command) {
        return new PlanTransferQuery(command.settings(),
                new PictureSize(command.content().width(), command.content().height()),
                command.styles().stream().map(s -> new PictureSize(s.image().width(), s.image().height())).toList(),
                command.contentMask().isPresent(), command.masked(),
                command.initialImage() instanceof InitialImage.Picture);
    }
}
