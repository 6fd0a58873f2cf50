package gr.accmr.hub.fanout.website;

import gr.accmr.hub.platform.HubProperties;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/** Serves the static site at {@code /site/}, with {@code index.html} for folders. */
@Configuration(proxyBeanMethods = false)
class SiteWebConfiguration implements WebMvcConfigurer {

    private final String location;

    SiteWebConfiguration(HubProperties properties) {
        this.location = StaticSiteChannel.siteRoot(properties).toUri().toString();
    }

    /** The resource handler refuses an empty path, so the site's own address leads to its front door. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/site", "/site/index.html");
        registry.addRedirectViewController("/site/", "/site/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/site/", "/site/**")
                .addResourceLocations(location.endsWith("/") ? location : location + "/")
                .resourceChain(false)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected @Nullable Resource getResource(String path, Resource location) throws IOException {
                        Resource folder = location.createRelative(path);
                        if (path.isEmpty()
                                || path.endsWith("/")
                                || (folder.exists() && folder.getFile().isDirectory())) {
                            String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
                            return super.getResource(prefix + "index.html", location);
                        }
                        return super.getResource(path, location);
                    }
                });
    }
}
