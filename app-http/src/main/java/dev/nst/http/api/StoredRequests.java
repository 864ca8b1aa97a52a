package dev.nst.http.api;

import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.http.engine.TransferEngine;
import dev.nst.http.job.CommandReader;
import dev.nst.http.job.JobInput;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** What a worker reads a kept request with: the API's own parser, under this node's limits. */
@Singleton
final class StoredRequests implements CommandReader {

    private final TransferRequests requests;

    StoredRequests(RequestLimits limits, UploadedImages images, TransferEngine engine) {
        this.requests = new TransferRequests(limits, images, engine.defaultWeights());
    }

    @Override
    public TransferStyleCommand read(List<JobInput> inputs) {
        return requests.parse(inputs.stream()
                .map(input -> new FormPart(input.name(), Optional.ofNullable(input.filename()), input.bytes()))
                .toList());
    }
}
