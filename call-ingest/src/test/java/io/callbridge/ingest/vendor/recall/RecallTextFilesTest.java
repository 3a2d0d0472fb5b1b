package io.callbridge.ingest.vendor.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** 000's per-extension text files, written into the watched directory of source recall-files. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class RecallTextFilesTest {

    static final Path DIRECTORY = Path.of("target/recall-text-files");

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    /** Recall rewrites the file; the test replaces it whole so that no poll sees half a line. */
    static void write(String extension, String line) throws IOException {
        Path temporary = Files.createTempFile(DIRECTORY.getParent(), extension, ".tmp");
        Files.writeString(temporary, line + "\r\n");
        Files.move(temporary, DIRECTORY.resolve(extension + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aCallIsOfferedAtItsStartEndedAtItsEndAndARewriteOfTheSameContentIsNoNews() throws IOException {
        String extension = "5" + ThreadLocalRandom.current().nextInt(100, 1000);
        String key = "acme:" + extension + "-20240305T114100";
        String recording = "D:\\Recall\\" + extension + "\\20240305114100.wav";

        write(extension, extension + ",033004799,2024-03-05 11:41:00," + recording + ",");
        CallEvent offered = topic.awaitCall(key, 1).get(0).value();
        assertThat(offered.kind()).isEqualTo(CallEventKind.CALL_OFFERED);
        assertThat(offered.times().startedAt()).isEqualTo(Instant.parse("2024-03-05T09:41:00Z"));
        assertThat(offered.parties().customer().e164()).isEqualTo("+97233004799");

        String ended = extension + ",033004799,2024-03-05 11:41:00," + recording + ",95";
        write(extension, ended);
        List<ConsumerRecord<String, CallEvent>> events = topic.awaitCall(key, 3);
        assertThat(events).extracting(r -> r.value().kind()).containsExactly(CallEventKind.CALL_OFFERED,
                CallEventKind.CALL_ENDED, CallEventKind.RECORDING_AVAILABLE);
        assertThat(events.get(1).value().durations().talk()).isEqualTo(95);
        assertThat(events.get(2).value().recording().fileName()).isEqualTo("20240305114100.wav");

        write(extension, ended);
        // Another extension's call, tab separated, written after the rewrite: once it is seen, so was the rewrite.
        String other = "6" + ThreadLocalRandom.current().nextInt(100, 1000);
        write(other, other + "\t0522222222\t2024-03-05 11:42:00\t\t");
        topic.awaitCall("acme:" + other + "-20240305T114200", 1);
        assertThat(topic.ofCallNow(key)).hasSize(3);
    }
}
