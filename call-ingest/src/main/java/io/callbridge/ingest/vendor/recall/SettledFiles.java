package io.callbridge.ingest.vendor.recall;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a text file Recall may still be writing from one that has settled. Recall rewrites a file in place
 * (truncate, then write): a poll in between could read half a line, and half a line can parse (a duration of
 * {@code 6} for {@code 65}) into an event whose id the complete line would then repeat, so consumers would keep
 * the wrong one. A file is read only once its size and modification time are what the previous poll saw.
 */
final class SettledFiles {

    private record Look(long size, FileTime modified) {
    }

    private final Map<Path, Look> lastLook = new ConcurrentHashMap<>();

    /**
     * @return whether the file looks as it did at the previous poll; remembers how it looks now either way
     */
    boolean settled(Path file, long size, FileTime modified) {
        Look now = new Look(size, modified);
        return now.equals(lastLook.put(file, now));
    }

    /** Forgets the files of this directory that are gone, so a directory of short-lived files does not grow it. */
    void retain(Path directory, Set<Path> present) {
        lastLook.keySet().removeIf(file -> directory.equals(file.getParent()) && !present.contains(file));
    }
}
