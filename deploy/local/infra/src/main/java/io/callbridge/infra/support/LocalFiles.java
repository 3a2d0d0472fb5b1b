package io.callbridge.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File helpers that turn {@link IOException} into unchecked exceptions with the path in the message. */
public final class LocalFiles {

    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more)");

    private LocalFiles() {
    }

    /**
     * Creates a new empty directory in the system temporary directory.
     *
     * @param prefix start of the directory name
     * @return the new directory
     */
    public static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory " + prefix + "*", e);
        }
    }

    /**
     * Creates a directory and its parents unless it exists.
     *
     * @param directory the directory
     * @return the directory, as an absolute path
     */
    public static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + directory, e);
        }
    }

    /**
     * Writes a text file in UTF-8, replacing any previous content.
     *
     * @param file the file
     * @param content its new content
     */
    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Deletes a directory tree; a missing directory is fine.
     *
     * @param directory the root of the tree
     */
    public static void deleteRecursively(Path directory) {
        if (Files.notExists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException raced) {
            // A file vanished while walking (a server removing its pid file): what is left is deleted below.
            deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    /**
     * Returns the last lines of a log file, for error messages, leaving out Java stack frames so that the exception
     * messages fit; never fails.
     *
     * @param file the log file
     * @param lines how many lines at most
     * @return those lines, or a note saying why there are none
     */
    public static String tail(Path file, int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        // ISO-8859-1 maps every byte: a child's partial or non-UTF-8 output cannot break the error report.
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            all.filter(line -> !STACK_FRAME.matcher(line).lookingAt()).forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return last.isEmpty() ? "(" + file + " is empty)" : String.join(System.lineSeparator(), last);
    }

    /**
     * Tells whether a log file contains a line with the given text; a missing file contains nothing.
     *
     * @param file the log file
     * @param text the text to look for
     * @return whether some line contains it
     */
    public static boolean contains(Path file, String text) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return all.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
