package gr.accmr.hub.fanout.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs an alert subscriber may register: public addresses only, as in production. */
class SubscriberAddressesTest {

    private final SubscriberAddresses production = new SubscriberAddresses(false);

    private final SubscriberAddresses tests = new SubscriberAddresses(true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://169.254.169.254/latest/meta-data/ | metadata",
                "http://[::ffff:127.0.0.1]/ | Loopback",
                "http://10.0.0.1/ | Private-Use",
                "https://127.0.0.1:8443/alerts | Loopback",
                "http://[::1]/ | Loopback",
                "http://[64:ff9b::a9fe:a9fe]/ | NAT64",
                "http://[fd12:3456::1]/ | Unique-Local",
                "http://0.0.0.0/ | This host",
                "http://192.168.1.10/ | Private-Use",
            })
    void refusesAnAddressThatIsNotGloballyReachableSayingWhy(String url, String reason) {
        assertThat(production.refusal(URI.create(url)))
                .hasValueSatisfying(refusal ->
                        assertThat(refusal).contains("internal address", reason, "which no alert subscriber may use"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/alerts", "http://[2a00:1450:4001:80b::200e]/", "https://unknown.invalid/"})
    void acceptsPublicAddressesAndLeavesUnresolvedNamesToTheDeliveryCheck(String url) {
        assertThat(production.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8089/alerts, true", "http://[::1]/, true", "http://10.0.0.1/, false"})
    void theTestsOnlySwitchOpensLoopbackAndNothingElse(String url, boolean allowed) {
        assertThat(tests.refusal(URI.create(url)).isEmpty()).isEqualTo(allowed);
    }
}
