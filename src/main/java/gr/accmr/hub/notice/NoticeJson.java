package gr.accmr.hub.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The one JSON mapping of {@link Notice}, shared by every stage so they agree byte for byte. */
public final class NoticeJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Registered after the JDK time module, so its reader of times wins.
            .addModule(new SimpleModule("notice-times").addDeserializer(Instant.class, new UtcInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Consumers must survive fields added by newer hub versions during a rolling upgrade.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private NoticeJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Notice notice) {
        try {
            return MAPPER.writeValueAsBytes(notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Notice read(byte[] json) {
        try {
            return MAPPER.readValue(json, Notice.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a notice: " + e.getMessage(), e);
        }
    }
}
