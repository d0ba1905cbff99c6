package io.midtier.run;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points camel-main at the routes and kamelets {@link RouteSource} chose, after the properties are loaded and
 * before camel-main applies them. A {@code camel.main.routes-*} or kamelet setting given explicitly (a test, an
 * operator) stays as given.
 */
public final class RouteSourceSetup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSourceSetup.class);
    /** The registry name of the {@link RouteSource} in effect (the kamelet watcher reads it). */
    public static final String BEAN = "routeSource";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        // camel-main has loaded the profile's properties but may not have set it on the context yet
        String profile = main.getCamelContext().getCamelContextExtension().getProfile();
        if (profile == null) {
            profile = properties.resolveProperty("camel.main.profile").orElse(null);
        }
        RouteSource source = RouteSource.decide(
                properties.resolveProperty(RouteSource.ROUTES_DIRECTORY).orElse(""),
                properties.resolveProperty(RouteSource.KAMELETS_DIRECTORY).orElse(""),
                "prod".equalsIgnoreCase(profile), Path.of("").toAbsolutePath());
        LOG.info("midtier serves {}", source);
        main.getCamelContext().getRegistry().bind(BEAN, source);
        for (Map.Entry<String, String> setting : settings(source).entrySet()) {
            if (properties.resolveProperty(setting.getKey()).isEmpty()) {
                properties.addOverrideProperty(setting.getKey(), setting.getValue());
            }
        }
    }

    static Map<String, String> settings(RouteSource source) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("camel.main.routes-include-pattern", source.includePattern());
        settings.put("camel.main.routes-reload-enabled", Boolean.toString(!source.fromJar()));
        settings.put("camel.component.kamelet.location", source.kameletLocation());
        source.routesDirectory().ifPresent(dir -> {
            settings.put("camel.main.routes-reload-directory", dir.toString());
            settings.put("camel.main.routes-reload-pattern", "*.camel.yaml");
        });
        return settings;
    }
}
