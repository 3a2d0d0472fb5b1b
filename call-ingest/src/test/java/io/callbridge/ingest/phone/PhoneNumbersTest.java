package io.callbridge.ingest.phone;

import io.callbridge.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remembering numbers changes nothing about how they are read; the memory itself, regions included, is common-model's
 * {@code RecentPhoneNumbersTest}.
 */
class PhoneNumbersTest {

    @Test
    void aRememberedNumberIsReadAsParsingWouldReadIt() {
        for (int i = 0; i < 2; i++) {
            assertThat(PhoneNumbers.parse("033004799", "IL")).isEqualTo(PhoneNumber.parse("033004799", "IL"));
            assertThat(PhoneNumbers.parse("9876543210", "IN")).isEqualTo(PhoneNumber.parse("9876543210", "IN"));
            assertThat(PhoneNumbers.parse("777", "IL")).isEqualTo(PhoneNumber.parse("777", "IL"));
        }
    }

    @Test
    void aNumberAlreadyReadIsKeptAsItIs() {
        PhoneNumber read = new PhoneNumber("033004799", "+97233004799", PhoneNumber.Type.E164);

        assertThat(PhoneNumbers.resolved(read, "GB")).isSameAs(read);
        assertThat(PhoneNumbers.resolved(PhoneNumber.received("033004799"), "IL"))
                .isEqualTo(PhoneNumber.parse("033004799", "IL"));
    }
}
