package gr.accmr.hub.fanout.mobile;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.platform.Problems;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code GET /feeds/{lang}.json}: the mobile feed of one language, newest first. */
@RestController
class JsonFeedController {

    static final MediaType JSON_FEED = new MediaType("application", "feed+json", StandardCharsets.UTF_8);
    private static final int ITEMS = 100;

    private final MobileFeedStore store;

    JsonFeedController(MobileFeedStore store) {
        this.store = store;
    }

    @GetMapping("/feeds/{lang}.json")
    ResponseEntity<byte[]> feed(@PathVariable("lang") String requested) throws Exception {
        String language;
        try {
            language = Languages.normalize(requested);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Unknown language", e.getMessage());
        }
        String self = ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString();
        byte[] body = gr.accmr.hub.notice.NoticeJson.mapper()
                .writeValueAsBytes(JsonFeedItems.feed(language, self, store.items(language, ITEMS)));
        return ResponseEntity.ok().contentType(JSON_FEED).body(body);
    }
}
