package gr.accmr.hub.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The bootstrap {@code admin} user. Its password comes from {@code HUB_ADMIN_PASSWORD}; without it,
 * the first start generates one and logs it once, and later starts reuse the stored hash, so the
 * password a newcomer copied from the log keeps working.
 */
class AdminAccount {

    static final String NAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final String passwordHash;

    AdminAccount(JdbcTemplate jdbc, PasswordEncoder encoder, String configuredPassword) {
        List<String> stored =
                jdbc.queryForList("SELECT password_hash FROM operator_account WHERE username = ?", String.class, NAME);
        if (!configuredPassword.isBlank()) {
            passwordHash = stored.isEmpty() || !encoder.matches(configuredPassword, stored.get(0))
                    ? store(jdbc, encoder.encode(configuredPassword))
                    : stored.get(0);
        } else if (!stored.isEmpty()) {
            passwordHash = stored.get(0);
        } else {
            String generated = generate();
            passwordHash = store(jdbc, encoder.encode(generated));
            log.warn(
                    "Generated password for user 'admin': {}  (shown only this once; set HUB_ADMIN_PASSWORD to choose one)",
                    generated);
        }
    }

    String passwordHash() {
        return passwordHash;
    }

    private static String store(JdbcTemplate jdbc, String hash) {
        jdbc.update("""
                INSERT INTO operator_account (username, password_hash) VALUES (?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()
                """, NAME, hash);
        return hash;
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
