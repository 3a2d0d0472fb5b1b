package io.callbridge.index.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's instants are {@link Instant#toString}'s, character for character, whatever the date and fraction. */
class CallListWriterInstantTest {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void datesAndFractionsAreWrittenAsInstantWritesThem() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(YEAR_0, YEAR_10000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1, 1_000) * 1_000_000;
                case 2 -> random.nextInt(1, 1_000_000) * 1_000;
                default -> random.nextInt(1, 1_000_000_000);
            };
            assertWrittenAsToString(Instant.ofEpochSecond(second, nano));
        }
    }

    @Test
    void edgesOfDaysMonthsYearsAndEras() {
        for (String text : new String[]{"0000-01-01T00:00:00Z", "0000-02-29T23:59:59.999999999Z", "1600-02-29T12:00:00Z",
                "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z", "1970-01-01T00:00:00Z",
                "2000-02-29T00:00:00.100Z", "2024-12-31T23:59:59.000001Z", "2100-03-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z"}) {
            Instant instant = Instant.parse(text);
            assertWrittenAsToString(instant);
            assertWrittenAsToString(instant.plusSeconds(1));
            assertWrittenAsToString(instant.minusSeconds(1));
        }
    }

    @Test
    void yearsOutsideFourDigitsAreLeftToInstant() {
        char[] text = new char[30];
        assertThat(CallListWriter.isoInstant(Instant.parse("+10000-01-01T00:00:00Z"), text)).isEqualTo(-1);
        assertThat(CallListWriter.isoInstant(Instant.parse("-0001-12-31T23:59:59Z"), text)).isEqualTo(-1);
        assertThat(CallListWriter.isoInstant(Instant.MIN, text)).isEqualTo(-1);
        assertThat(CallListWriter.isoInstant(Instant.MAX, text)).isEqualTo(-1);
    }

    private static void assertWrittenAsToString(Instant instant) {
        char[] text = new char[30];
        int length = CallListWriter.isoInstant(instant, text);
        if (length < 0) {
            // a year Instant writes signed, as before year 0 or after 9999
            assertThat(instant.toString()).matches("[+-].*");
        } else {
            assertThat(new String(text, 0, length)).isEqualTo(instant.toString());
        }
    }
}
