package gr.accmr.hub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What the hub keeps of a mailbox message: its identity, its bytes exactly as the server holds
 * them, and the language it declares.
 *
 * @param messageId the {@code Message-ID} without its angle brackets, or {@code sha256-<hex>} of
 *     the bytes for a message that has none, so a re-read message keeps its identity either way
 * @param contentLanguage the first tag of the top-level {@code Content-Language} header, if any
 */
public record IncomingMail(
        String messageId, byte[] bytes, @Nullable String contentLanguage) {

    /** Reads the whole message; on IMAP with peek set this does not mark it seen. */
    public static IncomingMail of(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        byte[] bytes = out.toByteArray();
        return new IncomingMail(messageId(message, bytes), bytes, contentLanguage(message));
    }

    static String messageId(Message message, byte[] bytes) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        if (ids != null && ids.length > 0) {
            String id = ids[0].strip();
            if (id.startsWith("<") && id.endsWith(">")) {
                id = id.substring(1, id.length() - 1).strip();
            }
            if (!id.isEmpty()) {
                return id;
            }
        }
        return "sha256-" + sha256(bytes);
    }

    static @Nullable String contentLanguage(Message message) throws MessagingException {
        String[] values = message.getHeader("Content-Language");
        if (values == null || values.length == 0) {
            return null;
        }
        // RFC 3282 allows a list; the first tag is the message's main language.
        String first = values[0].split(",", 2)[0].strip();
        return first.isEmpty() ? null : first;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
