package io.callbridge.ingest.phone;

import io.callbridge.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembering numbers changes nothing about how they are read: region and form stay part of the answer. */
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
    void theSameDigitsInAnotherRegionAreAnotherNumber() {
        PhoneNumber israeli = PhoneNumbers.parse("033004799", "IL");
        PhoneNumber british = PhoneNumbers.parse("033004799", "GB");

        assertThat(israeli.e164()).isEqualTo("+97233004799");
        assertThat(british).isEqualTo(PhoneNumber.parse("033004799", "GB"));
        assertThat(british.e164()).isNotEqualTo(israeli.e164());
    }

    @Test
    void aNumberAlreadyReadIsKeptAsItIs() {
        PhoneNumber read = new PhoneNumber("033004799", "+97233004799", PhoneNumber.Type.E164);

        assertThat(PhoneNumbers.resolved(read, "GB")).isSameAs(read);
        assertThat(PhoneNumbers.resolved(PhoneNumber.received("033004799"), "IL"))
                .isEqualTo(PhoneNumber.parse("033004799", "IL"));
    }
}
