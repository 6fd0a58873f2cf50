package gr.accmr.hub.fanout.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ArchiveCursorTest {

    @Test
    void keepsARankBitForBit() {
        float rank = 0.0607927f;
        ArchiveCursor decoded =
                ArchiveCursor.decode(ArchiveCursor.ranked("abc", rank, "irc:1").encode());
        assertThat(Float.floatToIntBits(decoded.rank())).isEqualTo(Float.floatToIntBits(rank));
        assertThat(decoded.isRanked()).isTrue();
        assertThat(decoded.search()).isEqualTo("abc");
    }

    @Test
    void keepsThePublicationTimeToTheMicrosecond() {
        Instant published = Instant.parse("2026-11-26T10:00:00.123456Z");
        ArchiveCursor decoded = ArchiveCursor.decode(
                ArchiveCursor.newest("f", published, "athens:9").encode());
        assertThat(decoded.publishedAt()).isEqualTo(published);
        assertThat(decoded.isRanked()).isFalse();
    }

    @Test
    void keepsAMissingPublicationTime() {
        ArchiveCursor decoded =
                ArchiveCursor.decode(ArchiveCursor.newest("f", null, "athens:9").encode());
        assertThat(decoded.publishedAt()).isNull();
        assertThat(decoded.rank()).isNull();
    }

    @Test
    void keepsIdsWithAnyCharacterAndIsUrlSafe() {
        String id = "partner:a|b/c?d=e&f ü";
        String token = ArchiveCursor.ranked("f", 1.5f, id).encode();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ArchiveCursor.decode(token).id()).isEqualTo(id);
    }

    @Test
    void refusesTokensItDidNotMake() {
        assertThatThrownBy(() -> ArchiveCursor.decode("not base64 !")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveCursor.decode(encode("2|f|r0|x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveCursor.decode(encode("1|f|rzz|x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveCursor.decode(encode("1|f|q1|x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveCursor.decode(encode("1|f|t1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesEachSearchItsOwnFingerprint() {
        var greek = new ArchiveSearch.Filter("υγεια", "el", null, null, null, null, null, null);
        var english = new ArchiveSearch.Filter("υγεια", "en", null, null, null, null, null, null);
        assertThat(greek.fingerprint()).isNotEqualTo(english.fingerprint());
        assertThat(greek.fingerprint())
                .isEqualTo(new ArchiveSearch.Filter("υγεια", "el", null, null, null, null, null, null).fingerprint());
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
