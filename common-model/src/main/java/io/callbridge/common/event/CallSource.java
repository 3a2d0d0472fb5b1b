package io.callbridge.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where an event came from: the system kind and the configured instance (one tenant may run two PBXs).
 *
 * @param system   the kind of system
 * @param instance the configured name of the installation, e.g. {@code tel-aviv-pbx}
 */
public record CallSource(@NotNull SourceSystem system, @NotBlank String instance) {
}
