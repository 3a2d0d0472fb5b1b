package io.callbridge.common.phone;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Remembering numbers changes nothing about how they are read: region and form stay part of the answer. */
class RecentPhoneNumbersTest {

    private static final List<String> ISRAELI_FORMS = List.of("033004799", "+97233004799", "97233004799",
            " 03-300-4799 ");

    @Test
    void aRememberedNumberIsReadAsParsingWouldReadItWhateverTheMemorysSize() {
        for (int capacity : List.of(0, 1, 2, 10_000)) {
            RecentPhoneNumbers numbers = new RecentPhoneNumbers(capacity);
            // twice over: the second round is answered from what the first kept (when anything is kept)
            for (int round = 0; round < 2; round++) {
                for (String form : ISRAELI_FORMS) {
                    assertThat(numbers.parse(form, "IL")).as(form + ", capacity " + capacity)
                            .isEqualTo(PhoneNumber.parse(form, "IL"))
                            .extracting(PhoneNumber::e164).isEqualTo("+97233004799");
                }
                assertThat(numbers.parse("777", "IL")).isEqualTo(PhoneNumber.parse("777", "IL"));
                assertThat(numbers.parse("9876543210", "IN")).isEqualTo(PhoneNumber.parse("9876543210", "IN"));
            }
        }
    }

    @Test
    void theSameDigitsInAnotherRegionAreAnotherNumber() {
        RecentPhoneNumbers numbers = new RecentPhoneNumbers(10);

        PhoneNumber israeli = numbers.parse("033004799", "IL");
        PhoneNumber british = numbers.parse("033004799", "GB");

        assertThat(israeli.e164()).isEqualTo("+97233004799");
        assertThat(british).isEqualTo(PhoneNumber.parse("033004799", "GB"));
        assertThat(british.e164()).isNotEqualTo(israeli.e164());
    }

    @Test
    void aNumberThatCannotBeReadFailsEveryTime() {
        RecentPhoneNumbers numbers = new RecentPhoneNumbers(10);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> numbers.parse("  ", "IL")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
