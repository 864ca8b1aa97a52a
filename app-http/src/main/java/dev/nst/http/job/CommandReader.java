package dev.nst.http.job;

import dev.nst.core.port.in.TransferStyleCommand;
import java.util.List;

/**
 * Reads a request's parts, as they were kept, into the transfer they ask for: what a worker does with a job an API
 * node accepted (the API reads them the same way before it accepts them).
 */
@FunctionalInterface
public interface CommandReader {

    /** @throws dev.nst.core.domain.InvalidInputException for parts the server's limits or the core refuse */
    TransferStyleCommand read(List<JobInput> inputs);
}
