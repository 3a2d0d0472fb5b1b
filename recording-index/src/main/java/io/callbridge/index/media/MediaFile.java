package io.callbridge.index.media;

import java.nio.file.Path;

/**
 * A recording's file, found inside the storage root.
 *
 * @param path        its real path
 * @param size        its size in bytes
 * @param contentType its media type, from its extension
 */
record MediaFile(Path path, long size, String contentType) {
}
