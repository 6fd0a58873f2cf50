package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerDatesTest {

    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");

    /** 3 March 2026 was a Tuesday; Athens was on EET, +02:00. */
    static Stream<Arguments> dates() {
        return Stream.of(
                // RSS and mail, RFC 822 / 1123 / 2822
                Arguments.of("Tue, 03 Mar 2026 10:15:00 +0200", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 EEST", "2026-03-03T07:15:00Z"),
                Arguments.of("Tue, 3 Mar 26 10:15 +0200", "2026-03-03T08:15:00Z"),
                Arguments.of("Mon, 03 Mar 2026 10:15:00 GMT+2", "2026-03-03T08:15:00Z"),
                Arguments.of("Fri, 03 Mar 2026 10:15:00 GMT", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 +0200 (EET)", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 +0200 (EET).", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 GMT.", "2026-03-03T10:15:00Z"),
                Arguments.of("03 Mar 2026 10:15:00 +0200", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue 03 Mar 2026 10:15:00 +0200", "2026-03-03T08:15:00Z"),
                Arguments.of("Tuesday, 3 March 2026 10:15 EET", "2026-03-03T08:15:00Z"),
                Arguments.of("tue, 03 mar 2026 10:15:00 gmt", "2026-03-03T10:15:00Z"),
                Arguments.of("TUE, 03 MAR 2026 10:15:00 GMT", "2026-03-03T10:15:00Z"),
                Arguments.of("  Tue,  03 Mar 2026\t 10:15:00 \n +0200  ", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00+0200", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 9:05:07 +0000", "2026-03-03T09:05:07Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 -0000", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 +03:00", "2026-03-03T07:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 -0430", "2026-03-03T14:45:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 Z", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 UT", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 UTC", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 EST", "2026-03-03T15:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 EDT", "2026-03-03T14:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 CST", "2026-03-03T16:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 CDT", "2026-03-03T15:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 MST", "2026-03-03T17:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 MDT", "2026-03-03T16:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 PST", "2026-03-03T18:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 PDT", "2026-03-03T17:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 EET", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 CET", "2026-03-03T09:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 CEST", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 WET", "2026-03-03T10:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 WEST", "2026-03-03T09:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 BST", "2026-03-03T09:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 MSK", "2026-03-03T07:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 GMT+02:00", "2026-03-03T08:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 GMT-5", "2026-03-03T15:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 UTC+3", "2026-03-03T07:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00 +3", "2026-03-03T07:15:00Z"),
                Arguments.of("Tue, 03 Mar 2026 10:15:00", "2026-03-03T08:15:00Z"),
                Arguments.of("3 Mar 2026", "2026-03-02T22:00:00Z"),
                Arguments.of("Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"),
                Arguments.of("Sun, 1 Jan 50 00:00 GMT", "1950-01-01T00:00:00Z"),
                Arguments.of("Sat, 1 Jan 49 00:00 GMT", "2049-01-01T00:00:00Z"),
                // APIs, ISO 8601 / RFC 3339
                Arguments.of("2026-03-03T10:15:00Z", "2026-03-03T10:15:00Z"),
                Arguments.of("2026-03-03T10:15:00.123456+02:00", "2026-03-03T08:15:00.123456Z"),
                Arguments.of("2026-03-03T10:15:00.5Z", "2026-03-03T10:15:00.500Z"),
                Arguments.of("2026-03-03T10:15:00.123456789123Z", "2026-03-03T10:15:00.123456789Z"),
                Arguments.of("2026-03-03T10:15:00-05:00", "2026-03-03T15:15:00Z"),
                Arguments.of("2026-03-03T10:15:00+0200", "2026-03-03T08:15:00Z"),
                Arguments.of("2026-03-03T10:15:00+02", "2026-03-03T08:15:00Z"),
                Arguments.of("2026-03-03T10:15Z", "2026-03-03T10:15:00Z"),
                Arguments.of("2026-03-03t10:15:00z", "2026-03-03T10:15:00Z"),
                Arguments.of("2026-03-03 10:15:00+02:00", "2026-03-03T08:15:00Z"),
                Arguments.of("2026-03-03T10:15:00", "2026-03-03T08:15:00Z"),
                Arguments.of("2026-03-03 10:15", "2026-03-03T08:15:00Z"),
                Arguments.of("2026-03-03", "2026-03-02T22:00:00Z"),
                Arguments.of("20260303T101500Z", "2026-03-03T10:15:00Z"),
                Arguments.of("20260303t101500.25z", "2026-03-03T10:15:00.250Z"),
                Arguments.of("20260303T101500+0200", "2026-03-03T08:15:00Z"),
                Arguments.of("20260303T1015", "2026-03-03T08:15:00Z"),
                Arguments.of("20260303", "2026-03-02T22:00:00Z"),
                // epoch
                Arguments.of("1772525700", "2026-03-03T08:15:00Z"),
                Arguments.of("1772525700.5", "2026-03-03T08:15:00.500Z"),
                Arguments.of("1772525700123", "2026-03-03T08:15:00.123Z"),
                Arguments.of("1772525700123.456", "2026-03-03T08:15:00.123456Z"),
                Arguments.of("946684800", "2000-01-01T00:00:00Z"),
                Arguments.of("946684800000", "2000-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dates")
    void readsWhatPartnersSend(String text, String expected) {
        assertThat(PartnerDates.parse(text, ATHENS)).isEqualTo(Instant.parse(expected));
        assertThat(PartnerDates.parseLeniently(text, ATHENS)).isEqualTo(Instant.parse(expected));
    }

    static Stream<String> notDates() {
        return Stream.of(
                "yesterday",
                "n/a",
                "TBD",
                ".",
                "(EET)",
                "05/03/2026",
                "2026-13-01",
                "2026-02-30",
                "2026-03-32",
                "2026-3-5",
                "0000-03-05",
                "2026-03-03T25:00",
                "2026-03-03T24:00",
                "2026-03-03T10:60",
                "2026-03-03T10:15:60Z",
                "2026-03-0310:15",
                "2026-03-03T10:15:00+25:00",
                "2026-03-03T10:15:00 EET",
                "20261301",
                "12345678",
                "32 Mar 2026 10:00 GMT",
                "Tue, 03 Mxx 2026",
                "Tue, 03 Mxx 2026 10:15:00 GMT",
                "Tue, 03 Mar 0000 10:15:00 GMT",
                "Tue, 03 Mar 2026 25:00:00 GMT",
                "Tue, 03 Mar 2026 10:61:00 GMT",
                "Tue, 03 Mar 2026 10:15:00 XYZ",
                "Tue, 03 Mar 2026 10:15:00 IST",
                "Tue, 03 Mar 2026 10:15:00 A",
                "Tue, 03 Mar 2026 10:15:00 +2500",
                "Tue, 03 Mar 2026 10:15:00 +0275",
                "Tue, 03 Mar 2026 10:15:00 GMT extra",
                "Tue, 03 Mar 2026 10:15:0",
                "Tue, 03 Mar",
                "17725257001",
                "17725257001234",
                "12345",
                "-1772525700");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDates")
    void rejectsWhatIsNotADate(String text) {
        assertThatThrownBy(() -> PartnerDates.parse(text, ATHENS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a date: '" + text + "'");
        assertThat(PartnerDates.parseLeniently(text, ATHENS)).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n", "\u00A0"})
    void givesNoDateForNoText(String text) {
        assertThat(PartnerDates.parse(text, ATHENS)).isNull();
        assertThat(PartnerDates.parseLeniently(text, ATHENS)).isNull();
    }

    @Test
    void quotesBrokenTextOnOneLine() {
        assertThatThrownBy(() -> PartnerDates.parse("Tuesday\nmorning,\r\n early", ATHENS))
                .hasMessage("not a date: 'Tuesday morning, early'");
    }

    @Test
    void shortensLongBrokenText() {
        String text = "x".repeat(500);

        assertThatThrownBy(() -> PartnerDates.parse(text, ATHENS)).hasMessage("not a date: '" + "x".repeat(79) + "…'");
    }

    /** Athens moves to EEST at 03:00 on 29 March 2026 and back to EET at 04:00 on 25 October 2026. */
    static Stream<Arguments> localTimesInAthens() {
        return Stream.of(
                Arguments.of("2026-03-28 12:00", "2026-03-28T10:00:00Z"),
                Arguments.of("2026-03-29 02:59", "2026-03-29T00:59:00Z"),
                Arguments.of("2026-03-29 03:30", "2026-03-29T01:30:00Z"), // in the gap: 04:30 EEST
                Arguments.of("2026-03-29 04:00", "2026-03-29T01:00:00Z"),
                Arguments.of("2026-03-29 12:00", "2026-03-29T09:00:00Z"),
                Arguments.of("Sat, 28 Mar 2026 12:00:00", "2026-03-28T10:00:00Z"),
                Arguments.of("Sun, 29 Mar 2026 12:00:00", "2026-03-29T09:00:00Z"),
                Arguments.of("20260329T120000", "2026-03-29T09:00:00Z"),
                Arguments.of("2026-03-29", "2026-03-28T22:00:00Z"),
                Arguments.of("2026-03-30", "2026-03-29T21:00:00Z"),
                Arguments.of("2026-10-24 12:00", "2026-10-24T09:00:00Z"),
                Arguments.of("2026-10-25 03:30", "2026-10-25T00:30:00Z"), // in the overlap: the earlier, EEST
                Arguments.of("2026-10-25 04:30", "2026-10-25T02:30:00Z"),
                Arguments.of("2026-10-25 12:00", "2026-10-25T10:00:00Z"),
                Arguments.of("Sun, 25 Oct 2026 12:00", "2026-10-25T10:00:00Z"),
                Arguments.of("2026-10-25", "2026-10-24T21:00:00Z"),
                Arguments.of("2026-10-26", "2026-10-25T22:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("localTimesInAthens")
    void readsATimeWithoutZoneInTheDefaultZone(String text, String expected) {
        assertThat(PartnerDates.parse(text, ATHENS)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void followsTheDefaultZoneItIsGiven() {
        assertThat(PartnerDates.parse("2026-03-03 10:15", ZoneOffset.UTC)).isEqualTo("2026-03-03T10:15:00Z");
        assertThat(PartnerDates.parse("2026-03-03 10:15", ZoneId.of("America/New_York")))
                .isEqualTo("2026-03-03T15:15:00Z");
        assertThat(PartnerDates.parse("Tue, 03 Mar 2026 10:15", ZoneId.of("Europe/Lisbon")))
                .isEqualTo("2026-03-03T10:15:00Z");
        assertThat(PartnerDates.parse("2026-03-03", ZoneId.of("Asia/Tokyo"))).isEqualTo("2026-03-02T15:00:00Z");
    }

    @Test
    void letsAnExplicitZoneWinOverTheDefault() {
        assertThat(PartnerDates.parse("2026-07-01T10:15:00Z", ATHENS)).isEqualTo("2026-07-01T10:15:00Z");
        assertThat(PartnerDates.parse("Wed, 01 Jul 2026 10:15:00 EET", ATHENS)).isEqualTo("2026-07-01T08:15:00Z");
    }

    @Test
    void ignoresTheDefaultZoneForEpochs() {
        assertThat(PartnerDates.parse("1772525700", ZoneId.of("Pacific/Auckland")))
                .isEqualTo(PartnerDates.parse("1772525700", ZoneOffset.UTC))
                .isEqualTo("2026-03-03T08:15:00Z");
    }

    static Stream<Arguments> epochs() {
        return Stream.of(
                Arguments.of(1_772_525_700L, "2026-03-03T08:15:00Z"),
                Arguments.of(1_772_525_700_123L, "2026-03-03T08:15:00.123Z"),
                Arguments.of(100_000_000L, "1973-03-03T09:46:40Z"),
                Arguments.of(9_999_999_999L, "2286-11-20T17:46:39Z"),
                Arguments.of(100_000_000_000L, "1973-03-03T09:46:40Z"),
                Arguments.of(9_999_999_999_999L, "2286-11-20T17:46:39.999Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("epochs")
    void tellsEpochSecondsFromMillisecondsByMagnitude(long value, String expected) {
        assertThat(PartnerDates.parseEpoch(value)).isEqualTo(Instant.parse(expected));
        assertThat(PartnerDates.parse(Long.toString(value), ATHENS)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                0L,
                -1L,
                -1_772_525_700L,
                99_999_999L,
                10_000_000_000L,
                99_999_999_999L,
                10_000_000_000_000L,
                1_772_525_700_123_000L,
                Long.MAX_VALUE,
                Long.MIN_VALUE
            })
    void rejectsAnEpochOfNeitherMagnitude(long value) {
        assertThat(PartnerDates.parseEpoch(value)).isNull();
    }
}
