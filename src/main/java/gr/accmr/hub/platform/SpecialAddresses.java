package gr.accmr.hub.platform;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses an outbound request of the hub (a partner poll, an alert delivery) may reach,
 * judged against IANA's IPv4 and IPv6 Special-Purpose
 * Address Registries, kept as data in {@code special-purpose-addresses.tsv} beside this class (one
 * prefix a line, with its verdict, name and RFC, as the registries list them). The most specific
 * prefix containing an address decides, so a globally reachable anycast block inside a reserved
 * one stays reachable and a cloud metadata address inside a private block stays refused.
 *
 * <p>IPv6 addresses that carry IPv4 addresses (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo)
 * are judged by what they carry too: {@code 64:ff9b::7f00:1} reaches 127.0.0.1 through a NAT64
 * gateway as surely as {@code 127.0.0.1} does.
 */
public final class SpecialAddresses {

    /** What a prefix of the registry means for an outbound request. */
    public enum Verdict {
        /** Globally reachable: allowed. */
        PUBLIC,
        /** A private network: allowed only where the caller says so (a partner with {@code allowPrivateNetwork}). */
        PRIVATE,
        /** This machine: never allowed, except by a tests-only loopback switch. */
        LOOPBACK,
        /** Never allowed: link-local, unspecified, documentation, multicast, metadata services… */
        NEVER,
        /** Carries IPv4 addresses that decide. */
        EMBEDDED
    }

    /** One line of the registry file. */
    public record Entry(String prefix, Verdict verdict, String name, String reference) {}

    /** The judgement of one address: the entry that decided (none for a plain public address). */
    public record Judgement(Verdict verdict, @Nullable Entry entry, String address) {

        /** Whether the address may be reached by a caller allowed on private networks, on loopback, or neither. */
        public boolean allowed(boolean allowPrivateNetwork, boolean allowLoopback) {
            return switch (verdict) {
                case PUBLIC -> true;
                case PRIVATE -> allowPrivateNetwork;
                case LOOPBACK -> allowLoopback;
                case NEVER, EMBEDDED -> false;
            };
        }

        /** For a refusal: {@code 169.254.169.254 (Cloud instance metadata…, AWS EC2 IMDS documentation)}. */
        public String describe() {
            return entry == null ? address : address + " (" + entry.name() + ", " + entry.reference() + ")";
        }
    }

    private static final String RESOURCE = "special-purpose-addresses.tsv";

    private static final SpecialAddresses REGISTRY = load();

    private final IPv4AddressAssociativeTrie<Entry> v4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Entry> v6 = new IPv6AddressAssociativeTrie<>();
    private final List<Entry> entries = new ArrayList<>();

    private SpecialAddresses() {}

    public static SpecialAddresses registry() {
        return REGISTRY;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The judgement of an address: for one that carries IPv4 addresses, the worst of theirs. */
    public Judgement judge(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return judge(new IPv4Address(bytes));
        }
        IPv6Address v6Address = new IPv6Address(bytes);
        Entry entry = lookup(v6Address);
        String text = v6Address.toCompressedString();
        if (entry == null) {
            return new Judgement(Verdict.PUBLIC, null, text);
        }
        if (entry.verdict() != Verdict.EMBEDDED) {
            return new Judgement(entry.verdict(), entry, text);
        }
        Judgement worst = null;
        for (IPv4Address carried : embedded(v6Address)) {
            Judgement inner = judge(carried);
            if (worst == null || inner.verdict().compareTo(worst.verdict()) > 0) {
                worst = inner;
            }
        }
        if (worst == null) {
            return new Judgement(Verdict.NEVER, entry, text);
        }
        return new Judgement(
                worst.verdict(),
                new Entry(
                        entry.prefix(),
                        entry.verdict(),
                        entry.name() + " carrying " + worst.describe(),
                        entry.reference()),
                text);
    }

    private Judgement judge(IPv4Address address) {
        IPv4AddressAssociativeTrie.IPv4AssociativeTrieNode<Entry> node = v4.longestPrefixMatchNode(address);
        Entry entry = node == null ? null : node.getValue();
        return new Judgement(entry == null ? Verdict.PUBLIC : entry.verdict(), entry, address.toString());
    }

    private @Nullable Entry lookup(IPv6Address address) {
        IPv6AddressAssociativeTrie.IPv6AssociativeTrieNode<Entry> node = v6.longestPrefixMatchNode(address);
        return node == null ? null : node.getValue();
    }

    /** The IPv4 addresses an IPv6 address carries, by the RFC of its prefix. */
    private static List<IPv4Address> embedded(IPv6Address address) {
        List<IPv4Address> carried = new ArrayList<>(2);
        if (address.isTeredo()) {
            // RFC 4380 §4: the server's address in bits 32–63, the client's inverted in the last 32.
            carried.add(address.getEmbeddedIPv4Address(4));
            byte[] client = address.getEmbeddedIPv4Address().getBytes();
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i];
            }
            carried.add(new IPv4Address(client));
        } else if (address.is6To4()) {
            carried.add(address.get6To4IPv4Address());
        } else {
            // IPv4-mapped, IPv4-compatible and the NAT64 well-known prefix: the last 32 bits.
            carried.add(address.getEmbeddedIPv4Address());
        }
        return carried;
    }

    private static SpecialAddresses load() {
        SpecialAddresses registry = new SpecialAddresses();
        try (InputStream in = SpecialAddresses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": expected 4 tab-separated columns in: " + line);
                }
                registry.add(new Entry(
                        columns[0].strip(),
                        Verdict.valueOf(columns[1].strip().toUpperCase(Locale.ROOT)),
                        columns[2].strip(),
                        columns[3].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }

    private void add(Entry entry) {
        var prefix = new IPAddressString(entry.prefix()).getAddress();
        if (prefix == null || !prefix.isPrefixBlock() && prefix.getNetworkPrefixLength() != null) {
            throw new IllegalStateException(RESOURCE + ": not a prefix: " + entry.prefix());
        }
        if (prefix.isIPv4()) {
            v4.put(prefix.toIPv4().toPrefixBlock(), entry);
        } else {
            v6.put(prefix.toIPv6().toPrefixBlock(), entry);
        }
        entries.add(entry);
    }
}
