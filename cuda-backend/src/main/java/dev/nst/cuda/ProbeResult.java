package dev.nst.cuda;

import java.util.Objects;
import java.util.Optional;

/** Whether the CUDA backend can run here: on which device, or why not. */
public record ProbeResult(Optional<DeviceDescription> device, String reason) {

    public ProbeResult {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
    }

    public static ProbeResult usable(DeviceDescription device) {
        return new ProbeResult(Optional.of(device), "");
    }

    public static ProbeResult unusable(String reason) {
        return new ProbeResult(Optional.empty(), reason);
    }

    public boolean isUsable() {
        return device.isPresent();
    }
}
