package dev.nst.http.api;

import dev.nst.http.job.JobOwner;
import dev.nst.http.security.ApiKey;
import io.micronaut.security.authentication.Authentication;
import java.util.OptionalInt;

/** The owner of a request's jobs: the API key it was authenticated with, or anonymous on a service without keys. */
final class Owners {

    private Owners() {
    }

    static JobOwner of(Authentication key) {
        if (key == null) {
            return JobOwner.ANONYMOUS;
        }
        return new JobOwner(key.getName(), key.getAttributes().get(ApiKey.MAX_JOBS_ATTRIBUTE) instanceof Number limit
                ? OptionalInt.of(limit.intValue()) : OptionalInt.empty());
    }
}
