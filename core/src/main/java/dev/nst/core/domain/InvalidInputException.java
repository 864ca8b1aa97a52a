package dev.nst.core.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Bad input from the user: a missing or corrupt image, a nonsensical number, an unknown layer or option value.
 *
 * <p>When one setting is at fault, the exception carries it ({@link #setting()}), the value rejected
 * ({@link #rejectedValue()}) and the reason, and adapters call the setting by their own name with
 * {@link #describe}. Two phrasings exist:
 * <ul>
 * <li>a requirement ({@link #mustBe}): {@code NAME must be REQUIREMENT, got VALUE}, e.g.
 *     {@code --iterations must be between 0 and 1000000, got -1};</li>
 * <li>a reason ({@link #InvalidInputException(Setting, String, Hint...)}): {@code NAME: REASON}, e.g.
 *     {@code --content-layers: at least one layer is needed}.</li>
 * </ul>
 * Input that is not one setting's value (a corrupt file, say) has a message naming what is wrong and no setting.
 */
public class InvalidInputException extends NstException {

    private final Setting setting;
    private final String rejectedValue;
    private final String reason;
    private final boolean requirement;

    /** Input not tied to one setting; {@code message} names what is wrong, e.g. the file. */
    public InvalidInputException(String message) {
        this(message, (Throwable) null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause, List.of());
        this.setting = null;
        this.rejectedValue = null;
        this.reason = message;
        this.requirement = false;
    }

    /**
     * {@code setting} is at fault for {@code reason}, a phrase that reads on its own (e.g.
     * {@code unknown pooling 'min'; use max or avg}, {@code at least one layer is needed}).
     */
    public InvalidInputException(Setting setting, String reason, Hint... hints) {
        this(setting, null, reason, false, List.of(hints));
    }

    protected InvalidInputException(Setting setting, String rejectedValue, String reason, boolean requirement,
                                    List<Hint> hints) {
        super(phrase(setting.label(), rejectedValue, reason, requirement, true), hints);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.rejectedValue = rejectedValue;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.requirement = requirement;
    }

    /**
     * {@code setting} must be {@code requirement} but is {@code rejected}, e.g. {@code mustBe(ITERATIONS,
     * "between 0 and 1000000", -1)}: {@code iterations must be between 0 and 1000000, got -1}.
     */
    public static InvalidInputException mustBe(Setting setting, String requirement, Object rejected) {
        return new InvalidInputException(setting, String.valueOf(rejected), requirement, true, List.of());
    }

    /** The setting at fault; empty when the input is not one setting's value. */
    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }

    /** The value refused, as given; empty when there is none to quote. */
    public Optional<String> rejectedValue() {
        return Optional.ofNullable(rejectedValue);
    }

    /**
     * Why: the requirement the value failed ({@code between 0 and 1000000}), a phrase that reads on its own, or,
     * without a setting, the whole message.
     */
    public String reason() {
        return reason;
    }

    /**
     * The message with the setting called as {@code name} calls it, e.g. {@code --tv-weight must be a finite
     * number >= 0, got -1.0} or {@code tvWeight: ...}. Without a setting, the message as it is.
     */
    public String describe(Function<Setting, String> name) {
        return setting == null ? getMessage()
                : phrase(name.apply(setting), rejectedValue, reason, requirement, false);
    }

    /**
     * Requirements read {@code NAME must be REQUIREMENT, got VALUE}; reasons {@code NAME: REASON}, except in the
     * neutral message, where a reason stands alone (it reads on its own and the setting is carried as data).
     */
    private static String phrase(String name, String rejected, String reason, boolean requirement, boolean neutral) {
        if (requirement) {
            return name + " must be " + reason + ", got " + rejected;
        }
        return neutral ? reason : name + ": " + reason;
    }
}
