package io.midtier.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload for kamelets: Camel's route watcher reloads route files, not the kamelets they call. When a
 * {@code *.kamelet.yaml} in the watched folder changes, its route template is dropped (the next use reads the
 * file again) and the route files that call it are reloaded through the route watcher, alone, as if edited.
 *
 * <p>A reload adds and removes routes, which a context on its way down must not see: the context's stop waits
 * for a reload in flight (in {@link #onContextStopping}, before any route is shut down) and refuses later ones.
 */
public final class KameletReloader extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(KameletReloader.class);
    private static final String SUFFIX = ".kamelet.yaml";

    private final CamelContext context;
    private final Map<String, String> seen = new HashMap<>();
    private boolean stopping;

    private KameletReloader(CamelContext context) {
        this.context = context;
    }

    /** Watches {@code directory}; the watcher starts and stops with the context. */
    public static void install(CamelContext context, String directory) throws Exception {
        KameletReloader reloader = new KameletReloader(context);
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(directory);
        watcher.setFileFilter(file -> file.getName().endsWith(SUFFIX));
        watcher.setResourceReload((name, resource) -> reloader.changed(resource));
        context.addLifecycleStrategy(reloader);
        context.addService(watcher);
        LOG.info("kamelets in {} are reloaded when they change", directory);
    }

    synchronized void changed(Resource resource) throws Exception {
        // one save can raise several events, the first of them while the file is still being written
        String content = new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!stopping && context.isStarted() && !content.equals(seen.put(resource.getLocation(), content))) {
            reloadCallers(resource);
        }
    }

    @Override
    public synchronized void onContextStopping(CamelContext stoppingContext) {
        // entered only once no reload is in flight (both hold this object's lock)
        this.stopping = true;
    }

    private void reloadCallers(Resource kamelet) throws Exception {
        String name = FileUtil.stripPath(kamelet.getLocation());
        name = name.substring(0, name.length() - SUFFIX.length());
        RouteWatcherReloadStrategy routeWatcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (routeWatcher == null || routeWatcher.getResourceReload() == null) {
            LOG.warn("kamelet {} changed, but route reload is off: restart to use it", name);
            return;
        }
        Map<String, Resource> callers = new LinkedHashMap<>();
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (route.getResource() != null && calls(route, name)) {
                callers.putIfAbsent(route.getResource().getLocation(), route.getResource());
            }
        }
        // the routes made from the old kamelet, and the endpoints that lead to them, go once the callers are
        // reloaded: the callers' new endpoints build new routes from the file as it is now
        List<String> oldRoutes = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            // routes made from a kamelet are named after it: backend-inquiry-1, backend-inquiry-7, ...
            if ("true".equals(String.valueOf(route.getProperties().get(Route.KAMELET_PROPERTY)))
                    && route.getRouteId().matches(java.util.regex.Pattern.quote(name) + "-\\d+")) {
                oldRoutes.add(route.getRouteId());
            }
        }
        context.removeRouteTemplates(name);
        context.removeEndpoints("kamelet://" + name + "*");
        LOG.info("kamelet {} changed: reloading the routes of {}", name, callers.keySet());
        for (Resource caller : callers.values()) {
            routeWatcher.getResourceReload().onReload(caller.getLocation(), caller);
        }
        for (String id : oldRoutes) {
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        }
    }

    private static boolean calls(RouteDefinition route, String kamelet) {
        String uri = "kamelet:" + kamelet;
        for (SendDefinition<?> send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SendDefinition.class)) {
            String target = send.getEndpointUri();
            if (target != null && (target.equals(uri) || target.startsWith(uri + "?") || target.startsWith(uri + "/"))) {
                return true;
            }
        }
        return false;
    }
}
