package gr.accmr.hub.ingest.push;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and summary of the OpenAPI description served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class PushApiDescription {

    @Bean
    OpenAPI partnerHubApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Partner Hub API")
                        .version("v1")
                        .description("Partners push notices signed with Standard Webhooks (see docs/partners.md); "
                                + "operators read the archive and partner health with HTTP Basic."));
    }
}
