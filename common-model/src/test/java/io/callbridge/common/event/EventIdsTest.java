package io.callbridge.common.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    private static final CallSource CONVOX = new CallSource(SourceSystem.CONVOX, "mumbai");
    private static final Instant AT = Instant.parse("2011-10-10T16:52:00Z");

    @Test
    void theSameNotificationTwiceGetsTheSameId() {
        assertThat(EventIds.of(CONVOX, "1234567", CallEventKind.CALL_ENDED, AT))
                .isEqualTo(EventIds.of(new CallSource(SourceSystem.CONVOX, "mumbai"), "1234567",
                        CallEventKind.CALL_ENDED, Instant.parse("2011-10-10T16:52:00Z")));
    }

    @Test
    void everyPartOfTheIdentityChangesTheId() {
        UUID base = EventIds.of(CONVOX, "1234567", CallEventKind.CALL_ENDED, AT);

        assertThat(EventIds.of(new CallSource(SourceSystem.UIS, "mumbai"), "1234567", CallEventKind.CALL_ENDED, AT))
                .isNotEqualTo(base);
        assertThat(EventIds.of(new CallSource(SourceSystem.CONVOX, "pune"), "1234567", CallEventKind.CALL_ENDED, AT))
                .isNotEqualTo(base);
        assertThat(EventIds.of(CONVOX, "1234568", CallEventKind.CALL_ENDED, AT)).isNotEqualTo(base);
        assertThat(EventIds.of(CONVOX, "1234567", CallEventKind.CALL_ANSWERED, AT)).isNotEqualTo(base);
        assertThat(EventIds.of(CONVOX, "1234567", CallEventKind.CALL_ENDED, AT.plusSeconds(1))).isNotEqualTo(base);
    }

    @Test
    void partsCannotBleedIntoEachOther() {
        assertThat(EventIds.of(new CallSource(SourceSystem.CONVOX, "a"), "bc", CallEventKind.CALL_ENDED, AT))
                .isNotEqualTo(EventIds.of(new CallSource(SourceSystem.CONVOX, "ab"), "c", CallEventKind.CALL_ENDED, AT));
    }

    @Test
    void idsAreVersion5NameBasedUuids() {
        UUID id = EventIds.of(CONVOX, "1234567", CallEventKind.CALL_ENDED, AT);

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void nameBasedMatchesTheRfcExample() {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        assertThat(EventIds.nameBased(dns, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }
}
