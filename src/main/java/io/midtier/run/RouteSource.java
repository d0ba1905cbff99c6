package io.midtier.run;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the YAML routes and the kamelets come from: the copies inside the jar, or folders that are watched and
 * hot-reloaded. A deployed jar serves what it carries; a folder is used when {@value #ROUTES_DIRECTORY} names one,
 * or, outside the prod profile, when the working directory has a {@code routes/} folder (the project checkout).
 *
 * @param routesDirectory  the watched routes folder, empty = the jar's routes
 * @param kameletDirectory the watched kamelets folder, empty = the jar's kamelets only
 */
public record RouteSource(Optional<Path> routesDirectory, Optional<Path> kameletDirectory) {

    public static final String ROUTES_DIRECTORY = "midtier.routes.directory";
    public static final String KAMELETS_DIRECTORY = "midtier.kamelets.directory";
    static final Path PROJECT_ROUTES = Path.of("routes");
    static final Path PROJECT_KAMELETS = Path.of("kamelets");
    static final String PACKAGED_ROUTES = "routes";
    static final String ROUTE_SUFFIX = ".camel.yaml";

    /**
     * @param routesSetting   the value of {@value #ROUTES_DIRECTORY} (blank = not set)
     * @param kameletsSetting the value of {@value #KAMELETS_DIRECTORY} (blank = {@code kamelets} beside the routes)
     * @param prod            whether the prod profile is active (then only a configured folder is used)
     * @throws StartRefused when a configured folder does not exist
     */
    public static RouteSource decide(String routesSetting, String kameletsSetting, boolean prod, Path workingDirectory) {
        Optional<Path> routes;
        if (routesSetting != null && !routesSetting.isBlank()) {
            routes = Optional.of(existing(ROUTES_DIRECTORY, workingDirectory.resolve(routesSetting.trim())));
        } else if (!prod && Files.isDirectory(workingDirectory.resolve(PROJECT_ROUTES))) {
            routes = Optional.of(workingDirectory.resolve(PROJECT_ROUTES));
        } else {
            return new RouteSource(Optional.empty(), Optional.empty());
        }
        Optional<Path> kamelets;
        if (kameletsSetting != null && !kameletsSetting.isBlank()) {
            kamelets = Optional.of(existing(KAMELETS_DIRECTORY, workingDirectory.resolve(kameletsSetting.trim())));
        } else {
            Path beside = routes.get().toAbsolutePath().normalize().resolveSibling(PROJECT_KAMELETS);
            kamelets = Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
        }
        return new RouteSource(routes.map(p -> p.toAbsolutePath().normalize()), kamelets.map(p -> p.toAbsolutePath().normalize()));
    }

    private static Path existing(String setting, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new StartRefused(setting + "=" + folder + ": no such folder (unset it to serve the routes the jar carries)");
        }
        return folder;
    }

    public boolean fromJar() {
        return routesDirectory.isEmpty();
    }

    /** camel-main's {@code routes-include-pattern}. */
    public String includePattern() {
        return routesDirectory.map(dir -> "file:" + dir + "/*.camel.yaml").orElseGet(RouteSource::packagedRoutes);
    }

    /**
     * The route files the jar carries, named one by one. A classpath wildcard would have camel-main read through the
     * whole (70 MB) jar to find them, twice: 1.5-2.5 s of every start from the jar (docs/BENCHMARKS.md, issue 14). The
     * jar's directory is read instead (or the classes folder's, when midtier runs from its build output).
     */
    static String packagedRoutes() {
        List<String> names = new ArrayList<>();
        try {
            Path codeSource = Path.of(RouteSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(codeSource)) {
                try (Stream<Path> files = Files.list(codeSource.resolve(PACKAGED_ROUTES))) {
                    files.map(file -> file.getFileName().toString()).filter(RouteSource::isRouteFile).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(codeSource.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(name -> name.startsWith(PACKAGED_ROUTES + "/"))
                            .map(name -> name.substring(PACKAGED_ROUTES.length() + 1))
                            .filter(RouteSource::isRouteFile).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // cannot list them: let camel-main search the class path, slowly
            return "classpath:" + PACKAGED_ROUTES + "/*" + ROUTE_SUFFIX;
        }
        if (names.isEmpty()) {
            return "classpath:" + PACKAGED_ROUTES + "/*" + ROUTE_SUFFIX;
        }
        return names.stream().sorted().map(name -> "classpath:" + PACKAGED_ROUTES + "/" + name)
                .collect(Collectors.joining(","));
    }

    private static boolean isRouteFile(String name) {
        return name.endsWith(ROUTE_SUFFIX) && name.indexOf('/') < 0;
    }

    /** The kamelet component's {@code location}: the folder first, the jar's kamelets behind it. */
    public String kameletLocation() {
        return kameletDirectory.map(dir -> "file:" + dir + ",classpath:kamelets").orElse("classpath:kamelets");
    }

    @Override
    public String toString() {
        return fromJar() ? "routes and kamelets from the jar"
                : "routes from " + routesDirectory.get() + kameletDirectory.map(k -> ", kamelets from " + k).orElse("")
                        + " (watched)";
    }
}
