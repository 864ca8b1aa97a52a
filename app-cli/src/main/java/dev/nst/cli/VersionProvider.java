package dev.nst.cli;

import dev.nst.core.domain.NstVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code nst <version>}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"nst " + version()};
    }

    static String version() {
        return NstVersion.current();
    }
}
