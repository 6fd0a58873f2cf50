package gr.accmr.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.platform.HubProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClearTextPasswordsTest {

    @Test
    void refusesANoopPasswordNamingTheUser() {
        assertThatThrownBy(() -> SecurityConfiguration.refuseClearText(user("{noop}secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ops'")
                .hasMessageContaining("{noop}")
                .hasMessageContaining("{bcrypt}")
                .hasMessageNotContaining("secret");
    }

    @Test
    void refusesAPasswordWithoutAnEncoderPrefix() {
        assertThatThrownBy(() -> SecurityConfiguration.refuseClearText(user("hunter2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no {id} prefix")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void acceptsAHashedPassword() {
        assertThatCode(() -> SecurityConfiguration.refuseClearText(
                        user("{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")))
                .doesNotThrowAnyException();
    }

    private static HubProperties.User user(String password) {
        return new HubProperties.User("ops", password, List.of("OPERATOR"));
    }
}
