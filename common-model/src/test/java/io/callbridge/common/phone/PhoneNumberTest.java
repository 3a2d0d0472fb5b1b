package io.callbridge.common.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
            // 004: sNumber=033004799 from an Israeli PBX
            "033004799, IL, +97233004799",
            "+97233004799, IL, +97233004799",
            // the country code without its plus, as some PBXs send it
            "97233004799, IL, +97233004799",
            "97233004799, US, +97233004799",
            // 003: UIS virtual number (8-800, Russian toll free, trunk prefix 8) and a Moscow number
            "88002000600, RU, +78002000600",
            "74951234567, RU, +74951234567",
            "'03-300 4799', IL, +97233004799",
    })
    void realNumbersBecomeE164AndKeepTheirRawForm(String raw, String region, String e164) {
        PhoneNumber number = PhoneNumber.parse(raw, region);

        assertThat(number.type()).isEqualTo(PhoneNumber.Type.E164);
        assertThat(number.e164()).isEqualTo(e164);
        assertThat(number.raw()).isEqualTo(raw);
        assertThat(number.matchKey()).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource({
            // 004: sExt=777; 000: sExtension=34 and sPhoneNumber=1004
            "777", "1004", "34", "123456"
    })
    void shortNumbersAreExtensionsAndStayAsSent(String raw) {
        PhoneNumber number = PhoneNumber.parse(raw, "IL");

        assertThat(number.type()).isEqualTo(PhoneNumber.Type.EXTENSION);
        assertThat(number.e164()).isNull();
        assertThat(number.raw()).isEqualTo(raw);
        assertThat(number.matchKey()).isEqualTo(raw);
    }

    @ParameterizedTest
    // 003's contact 72131231111 is a placeholder: +7 213 is no Russian area code, so it stays as sent
    @CsvSource(value = {"callerno", "72131231111", "12345678901234567890", "+999123456789", "*21#"})
    void whatIsNoNumberIsKeptUnrecognized(String raw) {
        PhoneNumber number = PhoneNumber.parse(raw, "IL");

        assertThat(number.type()).isEqualTo(PhoneNumber.Type.UNRECOGNIZED);
        assertThat(number.e164()).isNull();
        assertThat(number.raw()).isEqualTo(raw);
    }

    @Test
    void theSameNumberInEveryFormMatches() {
        assertThat(PhoneNumber.parse("033004799", "IL").matchKey())
                .isEqualTo(PhoneNumber.parse("+97233004799", "IL").matchKey())
                .isEqualTo(PhoneNumber.parse("97233004799", "IL").matchKey());
    }

    @Test
    void aReceivedNumberIsReadInTheSourcesRegionOnlyOnce() {
        PhoneNumber received = PhoneNumber.received("033004799");
        assertThat(received.type()).isNull();

        PhoneNumber resolved = received.resolved("IL");
        assertThat(resolved.e164()).isEqualTo("+97233004799");
        assertThat(resolved.resolved("US")).isSameAs(resolved);
    }

    @Test
    void anEmptyNumberIsRejected() {
        assertThatThrownBy(() -> PhoneNumber.parse("  ", "IL")).isInstanceOf(IllegalArgumentException.class);
    }
}
