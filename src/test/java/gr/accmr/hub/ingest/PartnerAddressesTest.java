package gr.accmr.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.platform.GuardedDnsResolver;
import org.junit.jupiter.api.Test;

/** Which special-purpose addresses a partner's requests may reach, by its {@code allowPrivateNetwork}. */
class PartnerAddressesTest {

    @Test
    void aPrivateNetworkPartnerReachesPrivateAddressesButNeverLoopbackOrMetadata() throws Exception {
        var privateNetwork = OutboundHttp.resolver(true, false);
        assertThat(privateNetwork.resolve("10.1.2.3")).hasSize(1);
        assertThat(privateNetwork.resolve("fd12:3456::1")).hasSize(1);
        assertThat(privateNetwork.resolve("100.64.0.1")).hasSize(1);
        for (String refused : new String[] {
            "127.0.0.1", "::1", "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "0.0.0.0", "fe80::1"
        }) {
            assertThatThrownBy(() -> privateNetwork.resolve(refused))
                    .as(refused)
                    .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                    .hasMessageContaining("which no partner may use");
        }

        var publicOnly = OutboundHttp.resolver(false, false);
        assertThatThrownBy(() -> publicOnly.resolve("10.1.2.3"))
                .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                .hasMessageContaining("allowPrivateNetwork");
        assertThat(publicOnly.resolve("8.8.8.8")).hasSize(1);
    }

    @Test
    void theTestOnlyLoopbackSwitchOpensLoopbackAndNothingElse() throws Exception {
        var tests = OutboundHttp.resolver(true, true);
        assertThat(tests.resolve("127.0.0.1")).hasSize(1);
        assertThatThrownBy(() -> tests.resolve("169.254.169.254"))
                .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class);
        // Without allowPrivateNetwork the switch does nothing.
        assertThatThrownBy(() -> OutboundHttp.resolver(false, true).resolve("127.0.0.1"))
                .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class);
    }
}
