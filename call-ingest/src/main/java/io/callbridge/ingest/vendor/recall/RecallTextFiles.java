package io.callbridge.ingest.vendor.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.IngestConfig;
import io.callbridge.ingest.metrics.IngestMetrics;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.source.Sources;
import io.callbridge.ingest.vendor.VendorIngestion;
import io.callbridge.ingest.vendor.VendorRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches each Recall source's directory of per-extension text files. A file whose content changed is read as
 * one call's details once it has settled (size and modification time unchanged since the previous poll, so a
 * rewrite in progress is not read half-written): without a duration (written at the call's start) it offers the
 * call, with one (rewritten at its end) it ends it and names the recording. A rewrite with the same content
 * changes nothing.
 * <p>
 * Reading files blocks, so the directories are polled on a thread of their own, never on the event loop; polling
 * rather than a {@code WatchService} because Recall writes to Windows shares whose change notifications do not
 * reach a Linux client.
 */
@ApplicationScoped
public class RecallTextFiles {

    private static final Logger LOG = Logger.getLogger(RecallTextFiles.class);

    private final Sources sources;
    private final VendorIngestion ingestion;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    /** The hash of each file's content last published (or refused): the same content again is no news. */
    private final Map<Path, String> lastContent = new ConcurrentHashMap<>();
    private final SettledFiles settling = new SettledFiles();
    private ScheduledExecutorService poller;

    public RecallTextFiles(Sources sources, VendorIngestion ingestion, IngestMetrics metrics, IngestConfig config) {
        this.sources = sources;
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        List<SourceContext> watched = sources.of(SourceSystem.RECALL).stream()
                .filter(s -> s.config().textFiles().directory().isPresent()).toList();
        if (watched.isEmpty()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "recall-text-files");
            thread.setDaemon(true);
            return thread;
        });
        for (SourceContext source : watched) {
            Path directory = source.config().textFiles().directory().orElseThrow();
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IllegalStateException("cannot watch " + directory + " for source " + source.name(), e);
            }
            long every = source.config().textFiles().pollInterval().toMillis();
            poller.scheduleWithFixedDelay(() -> scan(source, directory), 0, every, TimeUnit.MILLISECONDS);
            LOG.infof("Watching %s for Recall text files of source %s", directory, source.name());
        }
    }

    void stop(@Observes ShutdownEvent stopped) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void scan(SourceContext source, Path directory) {
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
            for (Path file : files) {
                present.add(file);
                read(source, file);
            }
        } catch (IOException | RuntimeException e) {
            // A poll that fails is tried again at the next interval; the task must not die.
            LOG.warnf("Reading %s for source %s failed: %s", directory, source.name(), e.toString());
            return;
        }
        settling.retain(directory, present);
        lastContent.keySet().removeIf(file -> directory.equals(file.getParent()) && !present.contains(file));
    }

    private void read(SourceContext source, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!settling.settled(file, attributes.size(), attributes.lastModifiedTime())) {
            return;
        }
        byte[] content = Files.readAllBytes(file);
        String hash = sha256(content);
        if (hash.equals(lastContent.get(file))) {
            return;
        }
        String line = lastLine(new String(content, StandardCharsets.UTF_8));
        if (line.isEmpty()) {
            // Recall truncates before it rewrites: an empty file is a write in progress, not a call.
            return;
        }
        List<CallEvent> events;
        try {
            events = RecallCall.events(new VendorRequest(fields(source, line), Instant.now()), source);
        } catch (ProblemException e) {
            LOG.warnf("%s of source %s is not a call: %s", file, source.name(), e.getMessage());
            metrics.rejected(source.name(), "invalid");
            lastContent.put(file, hash);
            return;
        }
        // This thread is ours, not the event loop: waiting for Kafka's acknowledgement here is fine. A failure
        // leaves the hash unrecorded, so the next poll publishes the same events (same ids) again; the other files
        // of the directory are still read.
        Duration wait = config.publishTimeout().plusSeconds(1);
        try {
            ingestion.publish(events).await().atMost(wait);
        } catch (RuntimeException e) {
            LOG.warnf("%s of source %s not acknowledged by Kafka, retried at the next poll: %s", file, source.name(),
                    e.toString());
            metrics.rejected(source.name(), IngestMetrics.reasonOf(e));
            return;
        }
        metrics.accepted(source.name(), events.size());
        lastContent.put(file, hash);
    }

    static Map<String, String> fields(SourceContext source, String line) {
        IngestConfig.TextFiles format = source.config().textFiles();
        String separator = switch (format.separator()) {
            case "tab" -> "\t";
            case "comma" -> ",";
            default -> line.contains("\t") ? "\t" : ",";
        };
        String[] values = line.split(java.util.regex.Pattern.quote(separator), -1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String name = i < format.columns().size() ? format.columns().get(i).trim() : "column" + (i + 1);
            fields.put(name, values[i].trim());
        }
        return fields;
    }

    private static String lastLine(String content) {
        String[] lines = content.replace("\uFEFF", "").split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].trim();
            }
        }
        return "";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
