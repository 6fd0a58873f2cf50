package gr.accmr.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.platform.SpecialAddresses.Verdict;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses judged against the special-purpose registries, embedded IPv4 addresses included. */
class SpecialAddressesTest {

    private final SpecialAddresses registry = SpecialAddresses.registry();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // IPv4 special-purpose blocks
        "0.0.0.0, NEVER",
        "0.1.2.3, NEVER",
        "127.0.0.1, LOOPBACK",
        "127.1.2.3, LOOPBACK",
        "10.1.2.3, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.254, PRIVATE",
        "192.168.1.1, PRIVATE",
        "100.64.0.1, PRIVATE",
        "169.254.0.1, NEVER",
        "169.254.169.254, NEVER",
        "100.100.100.200, NEVER",
        "192.0.0.1, NEVER",
        "192.0.0.192, NEVER",
        "192.0.2.1, NEVER",
        "198.18.0.1, NEVER",
        "198.51.100.7, NEVER",
        "203.0.113.9, NEVER",
        "192.88.99.1, NEVER",
        "224.0.0.1, NEVER",
        "240.0.0.1, NEVER",
        "255.255.255.255, NEVER",
        // globally reachable exceptions inside special blocks
        "192.0.0.9, PUBLIC",
        "192.31.196.1, PUBLIC",
        // IPv6 special-purpose blocks
        "::, NEVER",
        "::1, LOOPBACK",
        "fe80::1, NEVER",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "fd00:ec2::254, NEVER",
        "ff02::1, NEVER",
        "fec0::1, NEVER",
        "100::1, NEVER",
        "2001:db8::1, NEVER",
        "3fff::1, NEVER",
        "2001:2::1, NEVER",
        "2001:20::1, NEVER",
        "5f00::1, NEVER",
        "64:ff9b:1::a00:1, NEVER",
        "4000::1, NEVER",
        // IPv4 carried inside IPv6: judged by what is carried
        "::127.0.0.1, LOOPBACK",
        "::169.254.169.254, NEVER",
        "::ffff:169.254.169.254, NEVER",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "64:ff9b::7f00:1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, NEVER",
        "64:ff9b::a00:1, PRIVATE",
        "2002:7f00:1::, LOOPBACK",
        "2002:a9fe:a9fe::1, NEVER",
        "2002:c0a8:101::1, PRIVATE",
        // Teredo: server 65.54.227.120 (public), client 127.0.0.1 stored inverted (80ff:fffe)
        "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
        // Teredo with a server in link-local space and a public client
        "2001:0:a9fe:a9fe::f7f7:f7f7, NEVER",
        // public
        "8.8.8.8, PUBLIC",
        "151.101.1.69, PUBLIC",
        "2a00:1450:4001:80b::200e, PUBLIC",
        "64:ff9b::808:808, PUBLIC",
        "2002:808:808::1, PUBLIC",
        "2001:3::1, PUBLIC",
    })
    void judgesEveryAddressByTheMostSpecificRegistryEntry(String address, Verdict verdict) throws Exception {
        assertThat(registry.judge(InetAddress.getByName(address)).verdict()).isEqualTo(verdict);
    }

    @Test
    void namesTheRegistryEntryThatRefusedAnAddress() throws Exception {
        SpecialAddresses.Judgement metadata = registry.judge(InetAddress.getByName("169.254.169.254"));
        assertThat(metadata.describe()).contains("metadata");

        SpecialAddresses.Judgement nat64 = registry.judge(InetAddress.getByName("64:ff9b::7f00:1"));
        assertThat(nat64.describe()).contains("NAT64").contains("127.0.0.1").contains("RFC 6052");
    }

    @Test
    void everyEntryOfTheRegistryFileNamesItsSource() {
        assertThat(registry.entries()).hasSizeGreaterThan(50).allSatisfy(entry -> {
            assertThat(entry.name()).isNotBlank();
            assertThat(entry.reference()).isNotBlank();
        });
    }

    @Test
    void aResolverRefusesEveryAddressItsCallerMayNotReachAndSaysWhy() throws Exception {
        var subscriber = new GuardedDnsResolver(false, false, "alert subscriber", "");
        assertThat(subscriber.resolve("8.8.8.8")).hasSize(1);
        for (String refused : new String[] {"10.0.0.1", "127.0.0.1", "::ffff:127.0.0.1", "169.254.169.254"}) {
            assertThatThrownBy(() -> subscriber.resolve(refused))
                    .as(refused)
                    .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                    .hasMessageContaining("which no alert subscriber may use");
        }

        var partner = new GuardedDnsResolver(false, false, "partner", "set allowPrivateNetwork");
        assertThatThrownBy(() -> partner.resolve("10.0.0.1"))
                .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                .hasMessageContaining("Private-Use", "set allowPrivateNetwork");
    }

    @Test
    void theLoopbackSwitchOpensLoopbackAndNothingElse() throws Exception {
        var tests = new GuardedDnsResolver(false, true, "alert subscriber", "");
        assertThat(tests.resolve("127.0.0.1")).hasSize(1);
        assertThat(tests.resolve("::1")).hasSize(1);
        for (String refused : new String[] {"10.0.0.1", "169.254.169.254", "0.0.0.0", "fe80::1"}) {
            assertThatThrownBy(() -> tests.resolve(refused))
                    .as(refused)
                    .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class);
        }
    }
}
