package io.callbridge.index.media;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Where the recording files that this service streams are stored. */
@ConfigMapping(prefix = "callbridge.index.media")
public interface MediaConfig {

    /**
     * The directory holding the recordings; a recording's location is read relative to it (a location that starts
     * with this directory is taken as it is). Without it, no recording is streamed (404).
     */
    Optional<Path> storageRoot();
}
