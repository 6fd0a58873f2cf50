package gr.accmr.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of the console and the landing page: English or Greek, from the browser's {@code
 * Accept-Language} until the operator picks one with {@code ?lang=}, which a cookie then keeps.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    /** The languages the console's texts exist in; the first is the fallback. */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("el"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new ConsoleLocaleResolver("hub-console-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(ConsoleWebConfiguration::fromBrowser);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/", "/login", "/login/**", "/console", "/console/**");
    }

    /** The first of the browser's languages the console speaks, else English. */
    static Locale fromBrowser(HttpServletRequest request) {
        for (Locale wanted : Collections.list(request.getLocales())) {
            Locale supported = supported(wanted);
            if (supported != null) {
                return supported;
            }
        }
        return LANGUAGES.get(0);
    }

    static @Nullable Locale supported(Locale wanted) {
        return LANGUAGES.stream()
                .filter(language -> language.getLanguage().equals(wanted.getLanguage()))
                .findFirst()
                .orElse(null);
    }

    /** A cookie or {@code ?lang=} naming a language the console does not speak counts as none. */
    private static final class ConsoleLocaleResolver extends CookieLocaleResolver {

        ConsoleLocaleResolver(String cookieName) {
            super(cookieName);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            Locale chosen = super.resolveLocale(request);
            Locale supported = supported(chosen);
            return supported != null ? supported : fromBrowser(request);
        }

        @Override
        public void setLocale(
                HttpServletRequest request,
                jakarta.servlet.http.@Nullable HttpServletResponse response,
                @Nullable Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
        }
    }
}
