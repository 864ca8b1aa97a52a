package dev.nst.http.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One API key, under {@code nst.http.keys.<name>}: the key itself is never configured, only its SHA-256 in hex
 * ({@code java -jar nst-http.jar new-key NAME} makes a key and prints it).
 *
 * @param name    who holds the key; jobs belong to it
 * @param sha256  the SHA-256 of the key, 64 hex digits
 * @param maxJobs the most jobs the key may have running and queued at once; empty for no limit of its own
 */
@EachProperty("nst.http.keys")
public record ApiKeyProperties(@Parameter String name, @Nullable String sha256, @Nullable Integer maxJobs) {
}
