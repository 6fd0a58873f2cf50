package gr.accmr.hub.platform.web;

import gr.accmr.hub.platform.HubProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the body limits ahead of every other filter, Spring Security's included. */
@Configuration(proxyBeanMethods = false)
class WebGuardConfiguration {

    /** Webhooks from partner platforms; their events are small, so their limit is lower. */
    static final String WEBHOOKS = "/api/v1/webhooks/**";

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HubProperties properties) {
        HubProperties.Http http = properties.http();
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(
                http.maxBody().toBytes(), WEBHOOKS, http.webhookMaxBody().toBytes()));
        // Before security and everything else: nothing may read a body that was not bounded.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
