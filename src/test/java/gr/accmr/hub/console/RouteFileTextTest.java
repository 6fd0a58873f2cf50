package gr.accmr.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteFileTextTest {

    private static final String FILE = """
            - templatedRoute:
                routeTemplateRef: zendesk-partner
                routeId: partner.refugee-info
                parameters:
                  - name: url
                    value: https://refugeeinfo.zendesk.com
                  - name: token
                    value: s3cr3t-token
                  - name: password
                    value: "{{env:REFUGEE_INFO_PASSWORD}}"
                  - name: apiKey
                    value: abc123
                  - name: language
                    value: ar
            """;

    @Test
    void hidesTheValuesOfSecretParametersAndKeepsEverythingElse() {
        String shown = RouteFileText.masked(FILE);

        assertThat(shown).doesNotContain("s3cr3t-token", "abc123");
        assertThat(shown)
                .contains("value: " + RouteFileText.HIDDEN)
                .contains("value: https://refugeeinfo.zendesk.com", "value: ar")
                .contains("routeTemplateRef: zendesk-partner");
        assertThat(shown.lines().count()).isEqualTo(FILE.lines().count());
    }

    @Test
    void showsWhereASecretComesFromWhenTheFileOnlyNamesIt() {
        assertThat(RouteFileText.masked(FILE)).contains("value: \"{{env:REFUGEE_INFO_PASSWORD}}\"");
    }

    @Test
    void leavesAFileWithoutSecretsAsItIs() {
        String plain = "- templatedRoute:\n    routeTemplateRef: rss-partner\n    parameters:\n      - name: url\n"
                + "        value: https://example.org/feed.xml\n";

        assertThat(RouteFileText.masked(plain)).isEqualTo(plain);
    }
}
