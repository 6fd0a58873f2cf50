package gr.accmr.hub.platform.web;

import gr.accmr.hub.platform.HubProperties;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the body limits ahead of every other filter, Spring Security's included. */
@Configuration(proxyBeanMethods = false)
class WebGuardConfiguration {

    /** Webhooks from partner platforms; their events are small, so their limit is lower. */
    static final String WEBHOOKS = "/api/v1/webhooks/**";

    /** Batches of the signed push API; the push API bounds how many it reads at once. */
    static final String PUSH_BATCHES = "/api/v1/partners/*/notice-batches";

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
            HubProperties properties, @Value("${hub.push.max-batch-body-bytes:8388608}") long batchMaxBody) {
        HubProperties.Http http = properties.http();
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(
                http.maxBody().toBytes(),
                Map.of(WEBHOOKS, http.webhookMaxBody().toBytes(), PUSH_BATCHES, batchMaxBody)));
        // Before security and everything else: nothing may read a body that was not bounded.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
