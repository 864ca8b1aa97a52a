package dev.nst.cuda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the messages of {@link UnsatisfiedLinkError}s. JCuda's are many lines long (one nested stack trace per way
 * it tried to load its JNI library); what matters is the library the dynamic linker could not find.
 */
public final class LinkErrors {

    private static final Pattern MISSING = Pattern.compile("([^\\s:/\\\\]+): cannot open shared object file");
    private static final String PREFIX = "java.lang.UnsatisfiedLinkError: ";

    private LinkErrors() {
    }

    /** The library the dynamic linker could not find, e.g. {@code libcublas.so.12}, if the message names one. */
    public static Optional<String> missingLibrary(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = MISSING.matcher(message);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** One line for users: the missing library, else the innermost link error, else the first line. */
    public static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        Optional<String> missing = missingLibrary(message);
        if (missing.isPresent()) {
            return missing.get() + ": cannot open shared object file";
        }
        String innermost = null;
        for (String line : message.lines().toList()) {
            if (line.startsWith(PREFIX)) {
                innermost = line.substring(PREFIX.length());
            }
        }
        return innermost != null ? innermost.strip() : message.lines().findFirst().orElse("").strip();
    }
}
