package gr.accmr.hub.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {

    @Test
    void readsEveryTimeTheHubWritesAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(20261208);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int precision = random.nextInt(4);
            int nanos = switch (precision) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos);
            String text = instant.toString();

            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T12:00:00Z",
                "2026-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z",
                "2026-01-01T00:00:00.1Z",
                "2026-06-30T08:30:00.12345Z"
            })
    void readsEdgesOfTheCalendarAndOfTheFraction(String text) {
        assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-07T10:15:30+02:00",
                "2026-12-07T10:15:30.000+00:00",
                "2026-12-31T23:59:60Z",
                "2026-12-07T24:00:00Z",
                "2026-12-07T10:15Z",
                "2026-12-07 10:15:30Z",
                "2026-12-07T10:15:30.Z",
                "2026-12-07T10:15:30.1234567890Z",
                "+12026-12-07T10:15:30Z",
                "2026-12-07T10:15:30z",
                "2026-12-07T10:15:3aZ",
                "1733570130"
            })
    void leavesEveryOtherFormToTheJdk(String text) {
        assertThat(UtcInstants.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T12:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z"})
    void refusesDaysNoCalendarHasAsTheJdkDoes(String text) {
        assertThat(UtcInstants.parse(text)).isNull();
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> NoticeJson.read(withPublishedAt(text)));
    }

    @Test
    void aNoticeWithAnOffsetIsStillReadByTheJdk() {
        Notice notice = NoticeJson.read(withPublishedAt("2026-12-07T12:15:30+02:00"));

        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-12-07T10:15:30Z"));
    }

    @Test
    void aNoticeWithAFastTimeReadsTheSameInstant() {
        Notice notice = NoticeJson.read(withPublishedAt("2026-12-07T10:15:30.123456Z"));

        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-12-07T10:15:30.123456Z"));
    }

    private static byte[] withPublishedAt(String time) {
        ObjectNode json = (ObjectNode) NoticeJson.mapper().valueToTree(NoticeJsonTest.fullNotice());
        json.put("publishedAt", time);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
