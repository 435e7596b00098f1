package org.phrhub.telehealth.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Japanese first; {@code ?lang=en} switches to English and is remembered in a cookie. The signed-out page. */
@Configuration
class WebConfig implements WebMvcConfigurer {

    static final String LANGUAGE_PARAMETER = "lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("phrhub-lang");
        resolver.setDefaultLocale(Locale.JAPANESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** Where Keycloak sends people back after signing out (open to everyone: they are signed out). */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/signed-out").setViewName("signed-out");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(LANGUAGE_PARAMETER);
        registry.addInterceptor(change);
    }
}
