package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

// The scale-out deployment files, which cannot run here (no Kubernetes, no Docker engine): deploy/k8s/*.yaml and
// docker-compose.scale.yml parse; every variable they set on midtier is one it reads; each instance gets a node id and
// a data volume of its own; the database, broker and back-end are named, the broker is a shared one, and passwords
// come from Secrets; probes and Services fit the ports midtier listens on.
class DeploymentFilesTest {

    static final Path K8S = Path.of("deploy", "k8s");
    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path COMPOSE_SCALE = Path.of("docker-compose.scale.yml");
    /** Narayana's limit (TransactionManagerSetup): the pod name is the node id. */
    static final int MAX_NODE_ID_BYTES = 28;

    @Test
    void every_manifest_parses_and_the_kustomization_lists_every_one() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(K8S)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Map<String, Object>> resources = resources();

        assertThat(resources).isNotEmpty().allSatisfy(r -> {
            assertThat(r).containsKeys("apiVersion", "kind");
            assertThat(name(r)).isNotBlank();
        });
        Map<String, Object> kustomization = files.stream().filter(p -> p.endsWith("kustomization.yaml"))
                .findFirst().map(p -> loadAll(p).get(0)).orElseThrow();
        assertThat(list(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(files.stream()
                .map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")).toList());
        assertThat(resources).as("no Secret with literal values in the files").noneMatch(r -> "Secret".equals(r.get("kind")));
    }

    @Test
    void every_variable_the_manifests_set_on_midtier_is_one_it_reads() {
        Map<String, Object> environment = statefulSetEnvironment();
        Set<String> readable = MidtierVariables.readable();

        assertThat(environment).isNotEmpty();
        assertThat(environment.keySet()).allSatisfy(name -> assertThat(readable).as(name).contains(name));
        assertThat(environment.keySet()).noneMatch(MidtierVariables::ignoredByCamel);
        assertThat(environment.get("CAMEL_MAIN_PROFILE")).isEqualTo("prod");
        // no Kubernetes service variables (MIDTIER_PORT, MIDTIER_SERVICE_HOST, ...) beside midtier's own
        assertThat(podSpec().get("enableServiceLinks")).isEqualTo(false);
    }

    @Test
    void each_instance_has_its_pod_name_as_node_id_and_its_transaction_log_on_a_volume_of_its_own() {
        Map<String, Object> set = one("StatefulSet");
        Map<String, Object> environment = statefulSetEnvironment();

        assertThat(map(map(map(environment.get("MIDTIER_TX_NODE_ID")).get("valueFrom")).get("fieldRef"))
                .get("fieldPath")).isEqualTo("metadata.name");
        int replicas = ((Number) map(set.get("spec")).get("replicas")).intValue();
        assertThat((name(set) + "-" + (replicas * 10)).getBytes(StandardCharsets.UTF_8).length)
                .as("the longest pod name of ten times the replicas fits a node id").isLessThanOrEqualTo(MAX_NODE_ID_BYTES);

        String dataDir = (String) environment.get("MIDTIER_DATA_DIR");
        Map<String, Object> mount = list(container().get("volumeMounts")).stream().map(DeploymentFilesTest::map)
                .filter(m -> dataDir.equals(m.get("mountPath"))).findFirst().orElseThrow(() ->
                        new AssertionError("nothing mounted at MIDTIER_DATA_DIR " + dataDir));
        assertThat(list(map(set.get("spec")).get("volumeClaimTemplates")).stream()
                .map(t -> name(map(t)))).as("the data directory is a claim per instance").contains((String) mount.get("name"));
    }

    @Test
    void the_required_settings_are_there_with_a_shared_broker_and_passwords_from_secrets() {
        Map<String, Object> environment = statefulSetEnvironment();

        assertThat(environment).containsKeys("MIDTIER_DB_URL", "MIDTIER_DB_USER", "MIDTIER_BROKER_URL",
                "MIDTIER_BROKER_USER", "MIDTIER_BACKEND_URL", "MIDTIER_TX_NODE_ID", "MIDTIER_DATA_DIR",
                "MIDTIER_DB_PASSWORD", "MIDTIER_BROKER_PASSWORD", "MIDTIER_JMX_PASSWORD", "MIDTIER_SECURITY_USERS");
        assertThat((String) environment.get("MIDTIER_BROKER_URL")).as("an instance beside others needs a shared broker")
                .isNotBlank();
        assertThat((String) environment.get("MIDTIER_DB_URL")).startsWith("jdbc:postgresql://");
        environment.forEach((name, value) -> {
            if (name.contains("PASSWORD") || name.equals("MIDTIER_SECURITY_USERS")) {
                assertThat(map(map(value).get("valueFrom"))).as(name + " from a Secret").containsKey("secretKeyRef");
            }
        });
    }

    @Test
    void the_database_broker_and_backend_are_external_services_of_the_manifests() {
        Map<String, Object> environment = statefulSetEnvironment();
        List<String> external = resources().stream().filter(r -> "Service".equals(r.get("kind")))
                .filter(r -> "ExternalName".equals(map(r.get("spec")).get("type"))).map(DeploymentFilesTest::name)
                .toList();

        List<String> hosts = new ArrayList<>();
        hosts.add(URI.create(((String) environment.get("MIDTIER_DB_URL")).substring("jdbc:".length())).getHost());
        hosts.addAll(brokerHosts((String) environment.get("MIDTIER_BROKER_URL")));
        hosts.add(URI.create((String) environment.get("MIDTIER_BACKEND_URL")).getHost());

        assertThat(brokerHosts((String) environment.get("MIDTIER_BROKER_URL"))).as("the live broker and its backup")
                .hasSize(2);
        assertThat(hosts).allSatisfy(host -> assertThat(external).as(host).contains(host));
    }

    @Test
    void probes_ask_the_management_port_and_the_services_select_the_instances() {
        Map<String, Object> environment = statefulSetEnvironment();
        Map<String, Object> container = container();
        Map<String, Integer> ports = new HashMap<>();
        list(container.get("ports")).forEach(p -> ports.put((String) map(p).get("name"),
                ((Number) map(p).get("containerPort")).intValue()));
        int management = Integer.parseInt((String) environment.get("MIDTIER_MANAGEMENT_PORT"));

        assertThat(ports).containsEntry("management", management)
                .containsEntry("http", Integer.parseInt((String) environment.get("MIDTIER_HTTP_PORT")));
        assertThat(environment.get("CAMEL_MANAGEMENT_HOST")).as("probes come from outside the pod").isEqualTo("0.0.0.0");
        Map<String, Object> ready = map(map(container.get("readinessProbe")).get("httpGet"));
        Map<String, Object> live = map(map(container.get("livenessProbe")).get("httpGet"));
        assertThat(ready.get("path")).isEqualTo("/observe/health/ready");
        assertThat(live.get("path")).isEqualTo("/observe/health/live");
        assertThat(List.of(ready.get("port"), live.get("port"))).allSatisfy(port ->
                assertThat(port instanceof String named ? ports.get(named) : port).isEqualTo(management));

        Map<String, Object> set = one("StatefulSet");
        Map<String, Object> labels = map(map(map(map(set.get("spec")).get("template")).get("metadata")).get("labels"));
        List<Map<String, Object>> services = resources().stream().filter(r -> "Service".equals(r.get("kind")))
                .filter(r -> map(r.get("spec")).containsKey("selector")).toList();
        assertThat(services).extracting(DeploymentFilesTest::name).contains((String) map(set.get("spec")).get("serviceName"));
        assertThat(services).allSatisfy(s -> assertThat(labels).containsAllEntriesOf(map(map(s.get("spec")).get("selector"))));
        Map<String, Object> headless = services.stream()
                .filter(s -> name(s).equals(map(set.get("spec")).get("serviceName"))).findFirst().orElseThrow();
        assertThat(map(headless.get("spec")).get("clusterIP")).isEqualTo("None");
        assertThat(services).as("a client Service besides the headless one")
                .anySatisfy(s -> assertThat(map(s.get("spec")).get("clusterIP")).isNull());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_scale_compose_file_adds_a_second_instance_that_differs_only_in_node_id_data_volume_and_ports() {
        Map<String, Object> base = map(loadAll(COMPOSE).get(0).get("services"));
        Map<String, Object> scale = map(loadAll(COMPOSE_SCALE).get(0).get("services"));
        Map<String, Object> first = merged(map(base.get("midtier")), map(scale.get("midtier")));
        Map<String, Object> second = map(scale.get("midtier-2"));
        Map<String, Object> firstEnv = map(first.get("environment"));
        Map<String, Object> secondEnv = map(second.get("environment"));
        Set<String> readable = MidtierVariables.readable();

        assertThat(secondEnv.keySet()).allSatisfy(name -> assertThat(readable).as(name).contains(name));
        assertThat(firstEnv.keySet()).allSatisfy(name -> assertThat(readable).as(name).contains(name));
        assertThat(secondEnv.keySet()).noneMatch(MidtierVariables::ignoredByCamel);
        assertThat(secondEnv.keySet()).containsExactlyInAnyOrderElementsOf(firstEnv.keySet());
        assertThat(secondEnv.get("MIDTIER_TX_NODE_ID")).isNotEqualTo(firstEnv.get("MIDTIER_TX_NODE_ID"));
        firstEnv.forEach((name, value) -> {
            if (!name.equals("MIDTIER_TX_NODE_ID")) {
                assertThat(secondEnv.get(name)).as(name).isEqualTo(value);
            }
        });
        assertThat((String) secondEnv.get("MIDTIER_BROKER_URL")).as("the compose Artemis, shared").startsWith("tcp://artemis:");
        assertThat(base).containsKeys("postgres", "artemis");
        assertThat(map(second.get("depends_on"))).containsKeys("postgres", "artemis");

        String dataDir = (String) secondEnv.get("MIDTIER_DATA_DIR");
        String firstVolume = volumeAt(first, dataDir);
        String secondVolume = volumeAt(second, dataDir);
        assertThat(secondVolume).isNotEqualTo(firstVolume);
        assertThat(map(loadAll(COMPOSE_SCALE).get(0).get("volumes"))).containsKey(secondVolume);

        List<String> hostPorts = new ArrayList<>();
        for (Map<String, Object> service : List.of(first, second)) {
            ((List<Object>) service.get("ports")).forEach(p -> hostPorts.add(String.valueOf(p).split(":")[0]));
        }
        assertThat(hostPorts).doesNotHaveDuplicates().hasSize(4);
        // the same program, started the same way
        for (String key : List.of("image", "command", "working_dir")) {
            assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
        }
    }

    /** The named volume mounted at {@code path} ("name:/path[:ro]"). */
    private static String volumeAt(Map<String, Object> service, String path) {
        return list(service.get("volumes")).stream().map(String::valueOf).map(v -> v.split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].equals(path)).map(parts -> parts[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no volume at " + path + " in " + service.get("volumes")));
    }

    /** docker compose's merge of an override file's service into the base one, as far as these files use it. */
    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        if (override != null) {
            override.forEach((key, value) -> {
                if (value instanceof Map<?, ?> && base.get(key) instanceof Map<?, ?>) {
                    Map<String, Object> inner = new LinkedHashMap<>(map(base.get(key)));
                    inner.putAll(map(value));
                    result.put(key, inner);
                } else {
                    result.put(key, value);
                }
            });
        }
        return result;
    }

    private static List<String> brokerHosts(String url) {
        List<String> hosts = new ArrayList<>();
        Matcher m = Pattern.compile("tcp://([^:/,()?]+)").matcher(url);
        while (m.find()) {
            hosts.add(m.group(1));
        }
        return hosts;
    }

    /** The midtier container's variables: its ConfigMaps (envFrom), then its own env (value, or the valueFrom map). */
    private static Map<String, Object> statefulSetEnvironment() {
        Map<String, Object> container = container();
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Object from : list(container.get("envFrom"))) {
            String configMap = (String) map(map(from).get("configMapRef")).get("name");
            Map<String, Object> data = map(resources().stream().filter(r -> "ConfigMap".equals(r.get("kind")))
                    .filter(r -> configMap.equals(name(r))).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + configMap)).get("data"));
            environment.putAll(data);
        }
        for (Object e : list(container.get("env"))) {
            Map<String, Object> variable = map(e);
            environment.put((String) variable.get("name"),
                    variable.containsKey("value") ? variable.get("value") : variable);
        }
        return environment;
    }

    private static Map<String, Object> container() {
        return list(podSpec().get("containers")).stream().map(DeploymentFilesTest::map)
                .filter(c -> "midtier".equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> podSpec() {
        return map(map(map(one("StatefulSet").get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = resources().stream().filter(r -> kind.equals(r.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    /** Every resource of deploy/k8s (each file may hold several documents), the kustomization left out. */
    private static List<Map<String, Object>> resources() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.endsWith("kustomization.yaml"))
                    .sorted().flatMap(p -> loadAll(p).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> loadAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromReader(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
