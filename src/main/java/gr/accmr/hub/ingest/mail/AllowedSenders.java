package gr.accmr.hub.ingest.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The senders a partner's newsletters may come from: whole addresses ({@code news@cities.gr}) and
 * domains ({@code @cities.gr}, that domain exactly, not its subdomains). Compared without regard
 * to case, since mail systems treat addresses that way in practice.
 *
 * <p>This reads the {@code From} header, which the sender writes: it keeps the mailbox's other
 * traffic out of the hub, it is no proof of origin. Spoofing must be stopped by the mail server
 * (SPF, DKIM, DMARC) before a message reaches the mailbox.
 */
public final class AllowedSenders {

    private final Set<String> addresses;
    private final Set<String> domains;

    private AllowedSenders(Set<String> addresses, Set<String> domains) {
        this.addresses = addresses;
        this.domains = domains;
    }

    /** Reads a comma-separated list such as {@code news@cities.gr, @eurocities.eu}. */
    public static AllowedSenders parse(String list) {
        List<String> entries = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.strip().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("allowedSenders names no address or @domain");
        }
        for (String entry : entries) {
            int at = entry.indexOf('@');
            if (at < 0 || at != entry.lastIndexOf('@') || at == entry.length() - 1 || entry.contains(" ")) {
                throw new IllegalArgumentException(
                        "allowedSenders entry '" + entry + "' is neither an address nor an @domain");
            }
        }
        return new AllowedSenders(
                entries.stream().filter(entry -> !entry.startsWith("@")).collect(Collectors.toUnmodifiableSet()),
                entries.stream()
                        .filter(entry -> entry.startsWith("@"))
                        .map(entry -> entry.substring(1))
                        .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean allows(String address) {
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        int at = normalized.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        return addresses.contains(normalized) || domains.contains(normalized.substring(at + 1));
    }

    /**
     * The sender of a message that is not allowed, or empty when every {@code From} address is
     * allowed. A message without a readable {@code From} is refused: it can't be attributed.
     */
    public Optional<String> refusedSender(Message message) {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException unreadable) {
            return Optional.of("(unreadable From header)");
        }
        if (from == null || from.length == 0) {
            return Optional.of("(no From header)");
        }
        for (Address address : from) {
            String text = address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
            if (text == null || !allows(text)) {
                return Optional.of(String.valueOf(text));
            }
        }
        return Optional.empty();
    }
}
