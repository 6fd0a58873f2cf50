package gr.accmr.hub.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An HTTP client's resolver that resolves like the system does, then refuses the name if any of its
 * addresses is one the caller may not reach (see {@link SpecialAddresses}). Set in a connection
 * manager, the addresses it approves are the very ones the connection is opened to, for the first
 * request and every redirect hop, so a public name that resolves (or is rebound) to an internal
 * address is refused at connect time.
 */
public final class GuardedDnsResolver implements DnsResolver {

    /** The request would have reached an address the caller is not allowed to use. */
    public static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivateNetwork;
    private final boolean allowLoopback;
    private final String user;
    private final String privateHint;

    /**
     * @param allowPrivateNetwork whether private blocks (RFC 1918, unique local…) may be reached
     * @param allowLoopback whether loopback may be reached: only tests, whose servers run on this machine
     * @param user who makes the requests, for refusals: {@code partner}, {@code alert subscriber}
     * @param privateHint what to do about a refused private address, or empty when nothing can be done
     */
    public GuardedDnsResolver(boolean allowPrivateNetwork, boolean allowLoopback, String user, String privateHint) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.allowLoopback = allowLoopback;
        this.user = user;
        this.privateHint = privateHint;
    }

    /** All addresses of the host, each allowed; else {@link BlockedAddressException} naming the one refused. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            SpecialAddresses.Judgement judgement = SpecialAddresses.registry().judge(address);
            if (!judgement.allowed(allowPrivateNetwork, allowLoopback)) {
                throw new BlockedAddressException(host + " resolves to the internal address "
                        + judgement.describe()
                        + (judgement.verdict() == SpecialAddresses.Verdict.PRIVATE && !privateHint.isEmpty()
                                ? "; " + privateHint
                                : ", which no " + user + " may use"));
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
