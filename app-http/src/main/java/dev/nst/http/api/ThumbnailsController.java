package dev.nst.http.api;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * {@code POST /api/thumbnails}: a picture as nst reads it (upright, sRGB, its transparency kept), as a small PNG, for
 * the web page to show pictures a browser cannot (TIFF), under the same limits as a transfer's uploads.
 */
@Controller("/api/thumbnails")
final class ThumbnailsController {

    static final int SIDE = 256;
    static final String PART = "image";

    private final UploadedImages images;

    ThumbnailsController(UploadedImages images) {
        this.images = images;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> thumbnail(@Body MultipartBody body) {
        List<CompletedFileUpload> files = Flux.from(body).doOnNext(TransfersController::requireName)
                .filter(part -> part instanceof CompletedFileUpload)
                .map(part -> (CompletedFileUpload) part).collectList().block();
        if (files == null || files.size() != 1 || !PART.equals(files.get(0).getName())) {
            throw new FieldException(PART, PART + ": send exactly one picture, as the file part '" + PART + "'");
        }
        CompletedFileUpload file = files.get(0);
        RgbImage small = images.decode(PART, UploadedImages.label(PART, file.getFilename() == null ? ""
                : file.getFilename()), bytes(file), p -> p.longestSide() > SIDE ? p.resizeLongestSide(SIDE) : p);
        return HttpResponse.ok(ImageFiles.encode(small, OutputOptions.of(ImageFormat.PNG)))
                .contentType(MediaType.IMAGE_PNG_TYPE).header("Cache-Control", "no-store");
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
