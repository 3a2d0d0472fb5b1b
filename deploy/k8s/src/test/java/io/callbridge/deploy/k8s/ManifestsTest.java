package io.callbridge.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbridge.common.kafka.Topics;
import io.callbridge.deploy.k8s.Kustomize.Doc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.callbridge.deploy.k8s.Checks.find;
import static io.callbridge.deploy.k8s.Checks.join;
import static io.callbridge.deploy.k8s.Checks.list;
import static io.callbridge.deploy.k8s.Checks.ofKind;
import static io.callbridge.deploy.k8s.Checks.selects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads every manifest of deploy/k8s strictly (fabric8's, Strimzi's and the Prometheus Operator's Java models;
 * CloudNativePG's kinds against a strict schema) and checks it against the services' code and configuration.
 * The base and both overlays are built by {@link Kustomize}; where kubectl is installed, its own rendering of
 * the overlays is checked the same way.
 */
class ManifestsTest {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPO = K8S.resolve("../..").normalize();
    static final List<String> SERVICES = List.of("call-ingest", "recording-index", "crm-dispatch", "click2call");
    /** The services that may open connections outside the cluster (CRM deliveries, PBX APIs). */
    static final Set<String> LEAVE_CLUSTER = Set.of("crm-dispatch", "click2call");
    /** Quarkus runtime properties a deployment may set although the service's own file does not name them. */
    static final List<String> QUARKUS_RUNTIME = List.of("quarkus.log.", "quarkus.http.", "quarkus.otel.",
            "quarkus.micrometer.", "quarkus.smallrye-health.", "quarkus.management.", "quarkus.config.locations");
    static final String SECRET_NAME = "(?i).*(password|secret|token|api[-_]?key|credential)s?$";

    static Map<String, ServiceModule> modules;
    static Map<String, List<Doc>> layers;
    static Set<Path> referenced;

    @BeforeAll
    static void build() {
        modules = new LinkedHashMap<>();
        SERVICES.forEach(s -> modules.put(s, new ServiceModule(REPO, s)));
        Kustomize kustomize = new Kustomize();
        layers = new LinkedHashMap<>();
        layers.put("base", kustomize.build(K8S.resolve("base")));
        layers.put("overlays/dev", kustomize.build(K8S.resolve("overlays/dev")));
        layers.put("overlays/prod", kustomize.build(K8S.resolve("overlays/prod")));
        referenced = kustomize.visitedFiles;
    }

    // --- reading

    @Test
    void strictReadingRefusesUnknownFieldsInEveryModel() {
        JsonNode deployment = Yaml.documents("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbes: {httpGet: {path: /q/health/ready, port: 8080}}
                """).get(0);
        assertThatThrownBy(() -> StrictModel.resource(deployment, "sample"))
                .hasMessageContaining("readinessProbes");
        JsonNode topic = Yaml.documents("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 3, replicas: 3, minInsyncReplicas: 2}
                """).get(0);
        assertThatThrownBy(() -> StrictModel.resource(topic, "sample")).hasMessageContaining("minInsyncReplicas");
        JsonNode cluster = Yaml.documents("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg}
                spec: {instance: 3}
                """).get(0);
        assertThatThrownBy(() -> StrictModel.resource(cluster, "sample")).hasMessageContaining("instance");
        JsonNode monitor = Yaml.documents("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec: {endpoints: [{port: http, metricsPath: /q/metrics}]}
                """).get(0);
        assertThatThrownBy(() -> StrictModel.resource(monitor, "sample")).hasMessageContaining("metricsPath");
        JsonNode kustomization = Yaml.documents("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [a.yaml]
                patchesJson: []
                """).get(0);
        assertThatThrownBy(() -> StrictModel.kustomization(kustomization, "sample")).hasMessageContaining("patchesJson");
        JsonNode unknownKind = Yaml.documents("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n").get(0);
        assertThatThrownBy(() -> StrictModel.resource(unknownKind, "sample")).hasMessageContaining("no strict model");
    }

    @Test
    void everyManifestIsReferencedByAKustomization() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(K8S.resolve("base")), Files.walk(K8S.resolve("overlays")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|properties)$"))
                    .map(Path::normalize).toList();
        }
        assertThat(files).isNotEmpty();
        assertThat(files).as("manifests no kustomization reads (kubectl would skip them)")
                .allMatch(referenced::contains);
    }

    // --- the services

    @Test
    void modulesAreNamedAsTheirImages() {
        List<String> errors = new ArrayList<>();
        for (ServiceModule m : modules.values()) {
            if (!m.artifactId.equals(m.directory)) {
                errors.add(m.directory + ": artifactId " + m.artifactId + " differs from its directory");
            }
            String group = m.builtIn.get("quarkus.container-image.group");
            String name = m.builtIn.get("quarkus.container-image.name");
            if (group != null && !group.equals("callbridge")) {
                errors.add(m.directory + ": quarkus.container-image.group=" + group + ", the manifests use callbridge");
            }
            if (name != null && !name.equals(m.artifactId)) {
                errors.add(m.directory + ": quarkus.container-image.name=" + name + ", not its artifactId");
            }
            Doc d = find(layers.get("base"), "Deployment", m.artifactId).orElse(null);
            if (d == null) {
                errors.add("base: no Deployment " + m.artifactId);
                continue;
            }
            for (JsonNode c : list(d.node().at("/spec/template/spec/containers"))) {
                if (!Images.name(c.path("image").asText()).equals("callbridge/" + m.artifactId)) {
                    errors.add("base: Deployment " + m.artifactId + " runs " + c.path("image").asText()
                            + ", not callbridge/" + m.artifactId);
                }
            }
        }
        layers.forEach((layer, docs) -> ofKind(docs, "Deployment").forEach(d -> {
            if (!modules.containsKey(d.name())) {
                errors.add(layer + ": Deployment " + d.name() + " is no service module");
            }
        }));
        assertThat(errors).isEmpty();
    }

    @Test
    void deploymentsMatchTheirServicesInEveryLayer() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> checkDeployments(layer, docs, errors));
        assertThat(errors).isEmpty();
    }

    static void checkDeployments(String layer, List<Doc> docs, List<String> errors) {
        for (ServiceModule m : modules.values()) {
            Doc d = find(docs, "Deployment", m.artifactId).orElse(null);
            if (d == null) {
                errors.add(layer + ": no Deployment " + m.artifactId);
                continue;
            }
            String where = layer + ": Deployment " + m.artifactId;
            JsonNode pod = d.node().at("/spec/template/spec");
            JsonNode podLabels = d.node().at("/spec/template/metadata/labels");
            List<JsonNode> containers = list(pod.path("containers"));
            if (containers.size() != 1) {
                errors.add(where + ": one container expected");
                continue;
            }
            JsonNode c = containers.get(0);
            checkSecurity(where, pod, c, errors);

            Map<String, String> configMap = serviceConfig(where, docs, pod, c, errors);
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode e : list(c.path("env"))) {
                env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : null);
                String reason = undeclaredEnv(m, e.path("name").asText(), configMap);
                if (reason != null) {
                    errors.add(where + ": env " + e.path("name").asText() + " " + reason);
                }
            }
            if (!c.path("envFrom").isMissingNode()) {
                errors.add(where + ": envFrom hides which variables are set; name each one");
            }
            configMap.keySet().forEach(k -> {
                String reason = undeclared(m, k);
                if (reason != null) {
                    errors.add(where + ": ConfigMap property " + k + " " + reason);
                }
            });

            Map<String, String> effective = new HashMap<>(m.builtIn);
            effective.putAll(configMap);
            for (String key : List.of("quarkus.http.port", "quarkus.management.enabled", "quarkus.management.port")) {
                String value = env.get(Checks.envName(key));
                if (value != null) {
                    effective.put(key, value);
                }
            }
            Endpoints expected = Endpoints.of(effective);
            Map<String, Integer> ports = new HashMap<>();
            list(c.path("ports")).forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            if (!Integer.valueOf(Integer.parseInt(effective.getOrDefault("quarkus.http.port", "8080")))
                    .equals(ports.get("http"))) {
                errors.add(where + ": container port http is " + ports.get("http") + ", quarkus.http.port is "
                        + effective.getOrDefault("quarkus.http.port", "8080"));
            }
            probe(where, "livenessProbe", c, ports, expected.port(), expected.live(), errors);
            probe(where, "readinessProbe", c, ports, expected.port(), expected.ready(), errors);
            probe(where, "startupProbe", c, ports, expected.port(), expected.started(), errors);

            boolean kafka = "true".equals(podLabels.path("callbridge.io/kafka-client").asText());
            boolean postgres = "true".equals(podLabels.path("callbridge.io/postgres-client").asText());
            if (!kafka) {
                errors.add(where + ": every service uses Kafka; label callbridge.io/kafka-client=true missing");
            }
            if (postgres != m.ownsTables()) {
                errors.add(where + ": label callbridge.io/postgres-client must be there exactly when the service owns"
                        + " tables (quarkus.datasource.db-kind)");
            }
        }
    }

    record Endpoints(int port, String live, String ready, String started, String metrics) {
        static Endpoints of(Map<String, String> config) {
            String root = config.getOrDefault("quarkus.http.root-path", "/");
            String nonApplication = join(root, config.getOrDefault("quarkus.http.non-application-root-path", "q"));
            int port = Integer.parseInt(config.getOrDefault("quarkus.http.port", "8080"));
            String healthBase = nonApplication;
            if (Boolean.parseBoolean(config.getOrDefault("quarkus.management.enabled", "false"))) {
                port = Integer.parseInt(config.getOrDefault("quarkus.management.port", "9000"));
                healthBase = join("/", config.getOrDefault("quarkus.management.root-path", "q"));
            }
            String health = join(healthBase, config.getOrDefault("quarkus.smallrye-health.root-path", "health"));
            return new Endpoints(port,
                    join(health, config.getOrDefault("quarkus.smallrye-health.liveness-path", "live")),
                    join(health, config.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")),
                    join(health, config.getOrDefault("quarkus.smallrye-health.startup-path", "started")),
                    join(healthBase, config.getOrDefault("quarkus.micrometer.export.prometheus.path", "metrics")));
        }
    }

    static void probe(String where, String kind, JsonNode c, Map<String, Integer> ports, int port, String path,
            List<String> errors) {
        JsonNode get = c.path(kind).path("httpGet");
        if (get.isMissingNode()) {
            errors.add(where + ": no " + kind + " with httpGet");
            return;
        }
        JsonNode p = get.path("port");
        Integer actual = p.isInt() ? Integer.valueOf(p.asInt()) : ports.get(p.asText());
        if (actual == null || actual != port) {
            errors.add(where + ": " + kind + " port " + p.asText() + " (" + actual + "), the service answers on " + port);
        }
        if (!get.path("path").asText().equals(path)) {
            errors.add(where + ": " + kind + " path " + get.path("path").asText() + ", the service's is " + path);
        }
    }

    static void checkSecurity(String where, JsonNode pod, JsonNode c, List<String> errors) {
        JsonNode psc = pod.path("securityContext");
        JsonNode sc = c.path("securityContext");
        if (!(sc.path("runAsNonRoot").asBoolean(false) || psc.path("runAsNonRoot").asBoolean(false))) {
            errors.add(where + ": runAsNonRoot is not set");
        }
        if (psc.path("runAsUser").asInt(0) == 0 && sc.path("runAsUser").asInt(-1) <= 0) {
            errors.add(where + ": no non-root runAsUser");
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
            errors.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (sc.path("allowPrivilegeEscalation").asBoolean(true) || sc.path("privileged").asBoolean(false)) {
            errors.add(where + ": allowPrivilegeEscalation must be false and privileged unset");
        }
        if (list(sc.at("/capabilities/drop")).stream().noneMatch(n -> n.asText().equals("ALL"))
                || !sc.at("/capabilities/add").isMissingNode()) {
            errors.add(where + ": capabilities must drop ALL and add none");
        }
        String seccomp = sc.at("/seccompProfile/type").asText(psc.at("/seccompProfile/type").asText());
        if (!seccomp.equals("RuntimeDefault")) {
            errors.add(where + ": seccompProfile must be RuntimeDefault");
        }
        if (pod.path("enableServiceLinks").asBoolean(true)) {
            // Service links would inject CALLBRIDGE_KAFKA_BOOTSTRAP_PORT and the like, read as callbridge.* properties.
            errors.add(where + ": enableServiceLinks must be false");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            errors.add(where + ": automountServiceAccountToken must be false (the services never call the API)");
        }
        Map<String, JsonNode> volumes = new HashMap<>();
        list(pod.path("volumes")).forEach(v -> volumes.put(v.path("name").asText(), v));
        boolean tmp = list(c.path("volumeMounts")).stream().anyMatch(vm -> vm.path("mountPath").asText().equals("/tmp")
                && volumes.getOrDefault(vm.path("name").asText(), com.fasterxml.jackson.databind.node.MissingNode
                .getInstance()).has("emptyDir"));
        if (!tmp) {
            errors.add(where + ": /tmp must be an emptyDir (the root file system is read-only)");
        }
        for (String r : List.of("requests", "limits")) {
            for (String q : List.of("cpu", "memory")) {
                if (c.path("resources").path(r).path(q).isMissingNode()) {
                    errors.add(where + ": resources." + r + "." + q + " missing");
                }
            }
        }
    }

    /** The properties of the ConfigMap mounted as config/application.properties in the working directory. */
    static Map<String, String> serviceConfig(String where, List<Doc> docs, JsonNode pod, JsonNode c,
            List<String> errors) {
        String workingDir = c.path("workingDir").asText("");
        if (workingDir.isEmpty()) {
            errors.add(where + ": workingDir must be set (Quarkus reads config/application.properties from it)");
            return Map.of();
        }
        for (JsonNode vm : list(c.path("volumeMounts"))) {
            if (!vm.path("mountPath").asText().equals(join(workingDir, "config"))) {
                continue;
            }
            JsonNode volume = list(pod.path("volumes")).stream()
                    .filter(v -> v.path("name").asText().equals(vm.path("name").asText())).findFirst().orElse(null);
            if (volume == null || !volume.has("configMap")) {
                errors.add(where + ": " + vm.path("mountPath").asText() + " is not a ConfigMap");
                return Map.of();
            }
            String name = volume.at("/configMap/name").asText();
            Doc cm = find(docs, "ConfigMap", name).orElse(null);
            if (cm == null || !cm.node().at("/data/application.properties").isTextual()) {
                errors.add(where + ": ConfigMap " + name + " with key application.properties not found");
                return Map.of();
            }
            return ServiceModule.mainProfile(cm.node().at("/data/application.properties").asText());
        }
        errors.add(where + ": no ConfigMap mounted at " + join(workingDir, "config"));
        return Map.of();
    }

    /** Why a property is not one the service declares, or null when it is. */
    static String undeclared(ServiceModule m, String key) {
        if (m.builtIn.containsKey(key) || m.configProperties.contains(key)) {
            return null;
        }
        if (key.startsWith("callbridge.")) {
            String prefix = m.mappings.keySet().stream().filter(p -> key.startsWith(p + "."))
                    .max(Comparator.comparingInt(String::length)).orElse(null);
            if (prefix == null) {
                return "is under no @ConfigMapping prefix of " + m.directory + " or common-model";
            }
            String next = key.substring(prefix.length() + 1).split("\\.")[0];
            return m.mappings.get(prefix).contains(next) ? null
                    : "names " + next + ", which the @ConfigMapping " + prefix + " does not declare";
        }
        if (key.startsWith("mp.messaging.incoming.") || key.startsWith("mp.messaging.outgoing.")) {
            String[] parts = key.split("\\.");
            return m.channels().contains(parts[2] + "." + parts[3]) ? null
                    : "names channel " + parts[2] + "." + parts[3] + ", which " + m.directory + " does not have";
        }
        if (key.startsWith("kafka.")) {
            return null;
        }
        if (key.startsWith("quarkus.datasource.")) {
            return m.ownsTables() ? null : "configures a datasource, but " + m.directory + " has none";
        }
        return QUARKUS_RUNTIME.stream().anyMatch(key::startsWith) ? null
                : "is not declared by " + m.directory + " nor a known Quarkus runtime property";
    }

    /** Read by the UBI OpenJDK image's launcher ({@code run-java.sh}) for the JVM's flags, not by Quarkus. */
    static final Set<String> IMAGE_LAUNCHER_ENV = Set.of("GC_CONTAINER_OPTIONS", "JAVA_OPTS_APPEND",
            "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO");

    static String undeclaredEnv(ServiceModule m, String name, Map<String, String> configMap) {
        if (IMAGE_LAUNCHER_ENV.contains(name)) {
            return null;
        }
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            return "is not an environment variable name Quarkus maps";
        }
        // A secret handed over by name: a ${NAME} expression, or a *-ref property naming the variable (call-ingest).
        if (configMap.values().stream().anyMatch(v -> v.contains("${" + name + "}") || v.contains("${" + name + ":"))
                || configMap.entrySet().stream().anyMatch(e -> e.getKey().endsWith("-ref") && e.getValue().equals(name))) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>(m.builtIn.keySet());
        keys.addAll(m.configProperties);
        keys.addAll(configMap.keySet());
        if (keys.stream().anyMatch(k -> Checks.envName(k).equals(name) && undeclared(m, k) == null)) {
            return null;
        }
        for (var e : m.mappings.entrySet()) {
            for (String n : e.getValue()) {
                String env = Checks.envName(e.getKey() + "." + n);
                if (name.equals(env) || name.startsWith(env + "_")) {
                    return null;
                }
            }
        }
        if (name.startsWith("KAFKA_")) {
            return null;
        }
        if (name.startsWith("QUARKUS_DATASOURCE_")) {
            return m.ownsTables() ? null : "configures a datasource, but " + m.directory + " has none";
        }
        for (String channel : m.channels()) {
            if (name.startsWith(Checks.envName("mp.messaging." + channel + "."))) {
                return null;
            }
        }
        return QUARKUS_RUNTIME.stream().anyMatch(p -> name.startsWith(Checks.envName(p))) ? null
                : "maps to no property " + m.directory + " declares";
    }

    // --- Kafka and PostgreSQL

    static Set<String> commonModelTopics() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == String.class) {
                topics.add((String) f.get(null));
            }
        }
        return topics;
    }

    static Map<String, JsonNode> kafkaTopics(List<Doc> docs) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (Doc d : ofKind(docs, "KafkaTopic")) {
            String name = d.node().at("/spec/topicName").asText(d.name());
            topics.put(name, d.node());
        }
        return topics;
    }

    @Test
    void everyTopicOfCommonModelHasAKafkaTopic() throws IllegalAccessException {
        Set<String> expected = commonModelTopics();
        assertThat(expected).as("topics read from io.callbridge.common.kafka.Topics").isNotEmpty();
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            Doc kafka = ofKind(docs, "Kafka").stream().findFirst().orElse(null);
            Map<String, JsonNode> topics = kafkaTopics(docs);
            if (!topics.keySet().equals(expected)) {
                errors.add(layer + ": KafkaTopics " + new TreeSet<>(topics.keySet()) + ", common-model's Topics "
                        + expected);
            }
            topics.forEach((name, t) -> {
                if (t.at("/spec/partitions").asInt(0) < 1) {
                    errors.add(layer + ": KafkaTopic " + name + " has no partitions");
                }
                if (t.at("/spec/replicas").asInt(0) != 3) {
                    errors.add(layer + ": KafkaTopic " + name + " replicas must be 3");
                }
                if (!t.at("/spec/config/min.insync.replicas").asText().equals("2")) {
                    errors.add(layer + ": KafkaTopic " + name + " min.insync.replicas must be 2");
                }
                if (kafka == null || !t.at("/metadata/labels/strimzi.io~1cluster").asText().equals(kafka.name())) {
                    errors.add(layer + ": KafkaTopic " + name + " is not labelled with the Kafka cluster");
                }
            });
        });
        modules.values().forEach(m -> m.configuredTopics().stream().filter(t -> !expected.contains(t))
                .forEach(t -> errors.add(m.directory + " uses topic " + t + ", which is not in common-model's Topics")));
        assertThat(errors).isEmpty();
    }

    @Test
    void kafkaIsAKraftClusterOfThreeThatTheServicesPointAt() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            List<Doc> clusters = ofKind(docs, "Kafka");
            if (clusters.size() != 1) {
                errors.add(layer + ": one Kafka expected");
                return;
            }
            Doc kafka = clusters.get(0);
            JsonNode spec = kafka.node().path("spec");
            if (!spec.path("zookeeper").isMissingNode()) {
                errors.add(layer + ": Kafka must run in KRaft mode, without ZooKeeper");
            }
            int brokers = 0;
            int controllers = 0;
            for (Doc pool : ofKind(docs, "KafkaNodePool")) {
                if (!pool.node().at("/metadata/labels/strimzi.io~1cluster").asText().equals(kafka.name())) {
                    continue;
                }
                List<String> roles = list(pool.node().at("/spec/roles")).stream().map(JsonNode::asText).toList();
                int n = pool.node().at("/spec/replicas").asInt();
                brokers += roles.contains("broker") ? n : 0;
                controllers += roles.contains("controller") ? n : 0;
            }
            if (brokers != 3 || controllers != 3) {
                errors.add(layer + ": the node pools give " + brokers + " brokers and " + controllers
                        + " controllers, 3 of each expected");
            }
            if (!spec.at("/kafka/config/min.insync.replicas").asText().equals("2")
                    || !spec.at("/kafka/config/default.replication.factor").asText().equals("3")) {
                errors.add(layer + ": Kafka defaults must be replication 3, min.insync.replicas 2");
            }
            JsonNode plain = list(spec.at("/kafka/listeners")).stream()
                    .filter(l -> l.path("type").asText().equals("internal") && !l.path("tls").asBoolean())
                    .findFirst().orElse(null);
            if (plain == null) {
                errors.add(layer + ": no internal listener");
                return;
            }
            String bootstrap = kafka.name() + "-kafka-bootstrap:" + plain.path("port").asInt();
            for (ServiceModule m : modules.values()) {
                String actual = deploymentConfig(docs, m).get("kafka.bootstrap.servers");
                if (!bootstrap.equals(actual)) {
                    errors.add(layer + ": " + m.directory + " kafka.bootstrap.servers=" + actual + ", the cluster's is "
                            + bootstrap);
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    static Map<String, String> deploymentConfig(List<Doc> docs, ServiceModule m) {
        Doc d = find(docs, "Deployment", m.artifactId).orElseThrow();
        JsonNode pod = d.node().at("/spec/template/spec");
        return serviceConfig(m.directory, docs, pod, pod.path("containers").get(0), new ArrayList<>());
    }

    @Test
    void postgresHasADatabaseAndRolePerServiceThatOwnsTables() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            List<Doc> clusters = ofKind(docs, "Cluster");
            if (clusters.size() != 1) {
                errors.add(layer + ": one CloudNativePG Cluster expected");
                return;
            }
            Doc cluster = clusters.get(0);
            JsonNode spec = cluster.node().path("spec");
            if (spec.path("instances").asInt() != 3) {
                errors.add(layer + ": the PostgreSQL cluster must have 3 instances");
            }
            String owner = spec.at("/bootstrap/initdb/owner").asText();
            Map<String, String> databases = new HashMap<>();
            databases.put(spec.at("/bootstrap/initdb/database").asText(), owner);
            for (Doc db : ofKind(docs, "Database")) {
                if (db.node().at("/spec/cluster/name").asText().equals(cluster.name())) {
                    databases.put(db.node().at("/spec/name").asText(), db.node().at("/spec/owner").asText());
                }
            }
            Map<String, String> roleSecrets = new HashMap<>();
            roleSecrets.put(owner, cluster.name() + "-app");
            list(spec.at("/managed/roles")).forEach(r -> roleSecrets.put(r.path("name").asText(),
                    r.at("/passwordSecret/name").asText(null)));
            String host = cluster.name() + "-rw:5432";
            for (ServiceModule m : modules.values()) {
                Map<String, String> config = deploymentConfig(docs, m);
                JsonNode c = find(docs, "Deployment", m.artifactId).orElseThrow().node()
                        .at("/spec/template/spec/containers/0");
                Map<String, JsonNode> env = new HashMap<>();
                list(c.path("env")).forEach(e -> env.put(e.path("name").asText(), e));
                String where = layer + ": " + m.directory;
                if (!m.ownsTables()) {
                    if (config.keySet().stream().anyMatch(k -> k.startsWith("quarkus.datasource."))
                            || env.keySet().stream().anyMatch(k -> k.startsWith("QUARKUS_DATASOURCE_"))) {
                        errors.add(where + " owns no tables but is given a datasource");
                    }
                    continue;
                }
                String db = m.artifactId.replace('-', '_');
                if (!databases.containsKey(db)) {
                    errors.add(where + ": no database " + db + " in " + cluster.name());
                    continue;
                }
                String role = databases.get(db);
                if (!role.equals(db)) {
                    errors.add(where + ": database " + db + " must be owned by its own role, not " + role);
                }
                if (!("jdbc:postgresql://" + host + "/" + db).equals(config.get("quarkus.datasource.jdbc.url"))) {
                    errors.add(where + ": quarkus.datasource.jdbc.url=" + config.get("quarkus.datasource.jdbc.url"));
                }
                if (!("postgresql://" + host + "/" + db).equals(config.get("quarkus.datasource.reactive.url"))) {
                    errors.add(where + ": quarkus.datasource.reactive.url=" + config.get("quarkus.datasource.reactive.url"));
                }
                String secret = roleSecrets.get(role);
                for (String var : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                    JsonNode ref = env.getOrDefault(var, com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                            .at("/valueFrom/secretKeyRef");
                    if (secret == null || !ref.path("name").asText().equals(secret)) {
                        errors.add(where + ": " + var + " must come from Secret " + secret + " (role " + role + ")");
                    }
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    // --- secrets

    @Test
    void noSecretIsCommittedAndSecretsComeOnlyFromSecretReferences() throws IOException {
        List<String> errors = new ArrayList<>();
        String readme = Files.readString(K8S.resolve("README.md"), StandardCharsets.UTF_8);
        layers.forEach((layer, docs) -> {
            for (Doc d : ofKind(docs, "Secret")) {
                if (!d.node().path("data").isEmpty() || !d.node().path("stringData").isEmpty()) {
                    errors.add(layer + ": Secret " + d.name() + " carries data (" + d.origin() + ")");
                }
            }
            String pg = ofKind(docs, "Cluster").stream().findFirst().map(Doc::name).orElse("?");
            for (Doc d : ofKind(docs, "Deployment")) {
                JsonNode c = d.node().at("/spec/template/spec/containers/0");
                for (JsonNode e : list(c.path("env"))) {
                    String name = e.path("name").asText();
                    if (name.matches(SECRET_NAME) && !e.at("/valueFrom/secretKeyRef").isObject()) {
                        errors.add(layer + ": " + d.name() + " env " + name + " must come from a secretKeyRef");
                    }
                    String secret = e.at("/valueFrom/secretKeyRef/name").asText(null);
                    if (secret != null && !secret.equals(pg + "-app") && !readme.contains("`" + secret + "`")) {
                        errors.add(layer + ": Secret " + secret + " is neither generated by an operator nor named in"
                                + " deploy/k8s/README.md for ops to create");
                    }
                }
                for (JsonNode v : list(d.node().at("/spec/template/spec/volumes"))) {
                    if (v.has("secret") && !readme.contains("`" + v.at("/secret/secretName").asText() + "`")) {
                        errors.add(layer + ": Secret volume " + v.at("/secret/secretName").asText()
                                + " not named in deploy/k8s/README.md");
                    }
                }
            }
            for (Doc d : ofKind(docs, "ConfigMap")) {
                d.node().path("data").fields().forEachRemaining(entry -> {
                    Map<String, String> props = entry.getKey().endsWith(".properties")
                            ? ServiceModule.mainProfile(entry.getValue().asText())
                            : Map.of(entry.getKey(), entry.getValue().asText());
                    props.forEach((k, v) -> {
                        if (k.matches(SECRET_NAME) && !v.matches("\\$\\{[A-Z0-9_]+}")) {
                            errors.add(layer + ": ConfigMap " + d.name() + " holds secret " + k
                                    + " as a literal; reference an environment variable from a Secret");
                        }
                    });
                });
            }
            for (Doc d : ofKind(docs, "Ingress")) {
                for (JsonNode tls : list(d.node().at("/spec/tls"))) {
                    if (!readme.contains("`" + tls.path("secretName").asText() + "`")) {
                        errors.add(layer + ": TLS Secret " + tls.path("secretName").asText()
                                + " not named in deploy/k8s/README.md");
                    }
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    // --- network policies

    @Test
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatTheServicesNeed() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> checkNetwork(layer, docs, errors));
        assertThat(errors).isEmpty();
    }

    static void checkNetwork(String layer, List<Doc> docs, List<String> errors) {
        List<JsonNode> policies = ofKind(docs, "NetworkPolicy").stream().<JsonNode>map(Doc::node).toList();
        boolean defaultDeny = policies.stream().anyMatch(p -> Checks.isEmptySelector(p.at("/spec/podSelector"))
                && list(p.at("/spec/policyTypes")).size() == 2 && p.at("/spec/ingress").isMissingNode()
                && p.at("/spec/egress").isMissingNode());
        if (!defaultDeny) {
            errors.add(layer + ": no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        boolean dns = policies.stream().anyMatch(p -> Checks.isEmptySelector(p.at("/spec/podSelector"))
                && list(p.at("/spec/egress")).stream().anyMatch(r -> list(r.path("ports")).stream()
                .anyMatch(port -> port.path("port").asInt() == 53 && port.path("protocol").asText().equals("UDP"))));
        if (!dns) {
            errors.add(layer + ": DNS egress (UDP 53) is not allowed for every pod");
        }
        Doc kafka = ofKind(docs, "Kafka").stream().findFirst().orElse(null);
        Doc pg = ofKind(docs, "Cluster").stream().findFirst().orElse(null);
        for (ServiceModule m : modules.values()) {
            Doc d = find(docs, "Deployment", m.artifactId).orElse(null);
            if (d == null) {
                continue;
            }
            JsonNode labels = d.node().at("/spec/template/metadata/labels");
            int port = d.node().at("/spec/template/spec/containers/0/ports/0/containerPort").asInt();
            List<JsonNode> mine = policies.stream().filter(p -> selects(p.at("/spec/podSelector"), labels)).toList();
            boolean fromNetworks = mine.stream().flatMap(p -> list(p.at("/spec/ingress")).stream())
                    .anyMatch(r -> list(r.path("from")).stream().anyMatch(f -> f.has("ipBlock"))
                            && list(r.path("ports")).stream().anyMatch(pp -> pp.path("port").asInt() == port));
            if (!fromNetworks) {
                errors.add(layer + ": " + m.directory + " is reachable from no external network (ipBlock) on " + port);
            }
            boolean leaves = mine.stream().flatMap(p -> list(p.at("/spec/egress")).stream())
                    .anyMatch(r -> list(r.path("to")).stream().anyMatch(t -> t.at("/ipBlock/cidr").asText()
                            .equals("0.0.0.0/0")) && list(r.path("ports")).isEmpty());
            if (leaves != LEAVE_CLUSTER.contains(m.directory)) {
                errors.add(layer + ": " + m.directory + (leaves ? " may" : " may not") + " leave the cluster; only "
                        + LEAVE_CLUSTER + " should");
            }
            if (kafka != null && !egressTo(mine, "strimzi.io/cluster", kafka.name(), 9092)) {
                errors.add(layer + ": " + m.directory + " may not reach Kafka on 9092");
            }
            if (pg != null && egressTo(mine, "cnpg.io/cluster", pg.name(), 5432) != m.ownsTables()) {
                errors.add(layer + ": " + m.directory + " reaching PostgreSQL must follow whether it owns tables");
            }
        }
        // Nothing but the services reaches Kafka and PostgreSQL.
        List<JsonNode> servicePods = ofKind(docs, "Deployment").stream()
                .map(d -> d.node().at("/spec/template/metadata/labels")).toList();
        for (JsonNode p : policies) {
            JsonNode selector = p.at("/spec/podSelector");
            String own = selector.at("/matchLabels/strimzi.io~1cluster").asText(
                    selector.at("/matchLabels/cnpg.io~1cluster").asText(""));
            if (own.isEmpty()) {
                continue;
            }
            for (JsonNode rule : list(p.at("/spec/ingress"))) {
                for (JsonNode peer : list(rule.path("from"))) {
                    boolean self = peer.at("/podSelector/matchLabels").toString().contains(own)
                            && !peer.has("namespaceSelector");
                    boolean operator = peer.has("namespaceSelector") && !peer.has("podSelector")
                            && peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()
                            .matches("cnpg-system|strimzi");
                    boolean services = peer.has("podSelector") && !peer.has("namespaceSelector")
                            && !peer.has("ipBlock") && !Checks.isEmptySelector(peer.path("podSelector"))
                            && servicePods.stream().anyMatch(l -> selects(peer.path("podSelector"), l));
                    if (!(self || operator || services)) {
                        errors.add(layer + ": NetworkPolicy " + p.at("/metadata/name").asText() + " lets " + peer
                                + " reach " + own);
                    }
                }
            }
        }
        if (kafka != null) {
            list(kafka.node().at("/spec/kafka/listeners")).forEach(l -> {
                if (list(l.path("networkPolicyPeers")).isEmpty()) {
                    errors.add(layer + ": Kafka listener " + l.path("name").asText()
                            + " has no networkPolicyPeers: Strimzi would open it to every pod");
                }
            });
        }
    }

    static boolean egressTo(List<JsonNode> policies, String label, String value, int port) {
        return policies.stream().flatMap(p -> list(p.at("/spec/egress")).stream())
                .anyMatch(r -> list(r.path("to")).stream().anyMatch(t -> t.at("/podSelector/matchLabels")
                        .path(label).asText().equals(value))
                        && list(r.path("ports")).stream().anyMatch(pp -> pp.path("port").asInt() == port));
    }

    // --- monitoring and ingress

    @Test
    void serviceMonitorScrapesEveryServiceAtItsMetricsPath() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            List<Doc> monitors = ofKind(docs, "ServiceMonitor");
            if (monitors.isEmpty()) {
                errors.add(layer + ": no ServiceMonitor");
            }
            for (ServiceModule m : modules.values()) {
                Doc service = find(docs, "Service", m.artifactId).orElse(null);
                if (service == null) {
                    errors.add(layer + ": no Service " + m.artifactId);
                    continue;
                }
                Map<String, String> config = new HashMap<>(m.builtIn);
                config.putAll(deploymentConfig(docs, m));
                String metrics = Endpoints.of(config).metrics();
                Set<String> portNames = list(service.node().at("/spec/ports")).stream()
                        .map(p -> p.path("name").asText()).collect(Collectors.toSet());
                boolean scraped = monitors.stream().anyMatch(sm -> selects(sm.node().at("/spec/selector"),
                        service.node().at("/metadata/labels")) && list(sm.node().at("/spec/endpoints")).stream()
                        .anyMatch(e -> portNames.contains(e.path("port").asText())
                                && e.path("path").asText().equals(metrics)));
                if (!scraped) {
                    errors.add(layer + ": no ServiceMonitor scrapes Service " + m.artifactId + " at " + metrics);
                }
                JsonNode port = list(service.node().at("/spec/ports")).stream().findFirst().orElseThrow();
                if (!port.path("targetPort").asText().equals("http")) {
                    errors.add(layer + ": Service " + m.artifactId + " must target the container port http");
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void ingressesRouteTheServicesApisAndNothingElse() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            Map<String, List<JsonNode>> pathsByService = new HashMap<>();
            for (Doc ingress : ofKind(docs, "Ingress")) {
                for (JsonNode rule : list(ingress.node().at("/spec/rules"))) {
                    for (JsonNode path : list(rule.at("/http/paths"))) {
                        String service = path.at("/backend/service/name").asText();
                        String port = path.at("/backend/service/port/name").asText();
                        Doc svc = find(docs, "Service", service).orElse(null);
                        if (svc == null || list(svc.node().at("/spec/ports")).stream()
                                .noneMatch(p -> p.path("name").asText().equals(port))) {
                            errors.add(layer + ": Ingress " + ingress.name() + " routes to " + service + ":" + port
                                    + ", which does not exist");
                            continue;
                        }
                        pathsByService.computeIfAbsent(service, k -> new ArrayList<>()).add(path);
                    }
                }
            }
            for (String required : List.of("call-ingest", "recording-index", "crm-dispatch", "click2call")) {
                if (!pathsByService.containsKey(required)) {
                    errors.add(layer + ": no Ingress routes to " + required);
                }
            }
            pathsByService.forEach((service, paths) -> {
                ServiceModule m = modules.get(service);
                String nonApplication = join(m.builtIn.getOrDefault("quarkus.http.root-path", "/"),
                        m.builtIn.getOrDefault("quarkus.http.non-application-root-path", "q"));
                for (JsonNode p : paths) {
                    String path = p.path("path").asText();
                    boolean exact = p.path("pathType").asText().equals("Exact");
                    if (path.equals("/") || path.startsWith(nonApplication)) {
                        errors.add(layer + ": Ingress path " + path + " of " + service + " exposes " + nonApplication
                                + " (health, metrics) outside the cluster");
                    }
                    if (m.httpRoots.stream().noneMatch(r -> covers(path, exact, r) || path.startsWith(r + "/"))) {
                        errors.add(layer + ": Ingress path " + path + " of " + service + " leads to no endpoint of its"
                                + " code " + m.httpRoots);
                    }
                }
                for (String root : m.httpRoots) {
                    if (paths.stream().noneMatch(p -> covers(p.path("path").asText(),
                            p.path("pathType").asText().equals("Exact"), root))) {
                        errors.add(layer + ": " + service + " serves " + root + ", which its Ingress does not route");
                    }
                }
            });
        });
        assertThat(errors).isEmpty();
    }

    static boolean covers(String path, boolean exact, String root) {
        String normalized = root.replaceAll("\\{[^}]+}", "x");
        return exact ? normalized.equals(path) : normalized.equals(path) || normalized.startsWith(
                path.endsWith("/") ? path : path + "/");
    }

    // --- overlays

    @Test
    void scalingStaysWithinTheConsumedPartitions() {
        List<String> errors = new ArrayList<>();
        layers.forEach((layer, docs) -> {
            Map<String, JsonNode> topics = kafkaTopics(docs);
            for (ServiceModule m : modules.values()) {
                Doc hpa = find(docs, "HorizontalPodAutoscaler", m.artifactId).orElse(null);
                Doc pdb = find(docs, "PodDisruptionBudget", m.artifactId).orElse(null);
                if (hpa == null || pdb == null) {
                    errors.add(layer + ": " + m.artifactId + " needs a HorizontalPodAutoscaler and a PodDisruptionBudget");
                    continue;
                }
                if (!hpa.node().at("/spec/scaleTargetRef/name").asText().equals(m.artifactId)) {
                    errors.add(layer + ": HPA " + m.artifactId + " scales another Deployment");
                }
                int max = hpa.node().at("/spec/maxReplicas").asInt();
                for (String topic : m.incomingTopics()) {
                    int partitions = topics.getOrDefault(topic, com.fasterxml.jackson.databind.node.MissingNode
                            .getInstance()).at("/spec/partitions").asInt(0);
                    if (max > partitions) {
                        errors.add(layer + ": " + m.artifactId + " may scale to " + max + " but reads " + topic
                                + " with " + partitions + " partitions");
                    }
                }
                JsonNode deploymentSelector = find(docs, "Deployment", m.artifactId).orElseThrow().node()
                        .at("/spec/template/metadata/labels");
                if (!selects(pdb.node().at("/spec/selector"), deploymentSelector)) {
                    errors.add(layer + ": PodDisruptionBudget " + m.artifactId + " selects none of its pods");
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void devRunsOneReplicaAndProdRunsReleasedImagesWithJsonLogs() {
        List<String> errors = new ArrayList<>();
        for (Doc d : ofKind(layers.get("overlays/dev"), "Deployment")) {
            if (d.node().at("/spec/replicas").asInt() != 1) {
                errors.add("dev: " + d.name() + " must run 1 replica");
            }
        }
        ofKind(layers.get("overlays/dev"), "HorizontalPodAutoscaler").forEach(h -> {
            if (h.node().at("/spec/minReplicas").asInt() != 1) {
                errors.add("dev: HPA " + h.name() + " must start at 1");
            }
        });
        for (Doc d : ofKind(layers.get("overlays/prod"), "Deployment")) {
            JsonNode c = d.node().at("/spec/template/spec/containers/0");
            String image = c.path("image").asText();
            if (!Images.name(image).endsWith("/callbridge/" + d.name()) || Images.tag(image) == null
                    || Images.tag(image).endsWith("SNAPSHOT")) {
                errors.add("prod: " + d.name() + " runs " + image + ", not a released image from a registry");
            }
            boolean json = list(c.path("env")).stream().anyMatch(e -> e.path("name").asText()
                    .equals("QUARKUS_LOG_CONSOLE_JSON_ENABLED") && e.path("value").asText().equals("true"));
            if (!json) {
                errors.add("prod: " + d.name() + " must log JSON (QUARKUS_LOG_CONSOLE_JSON_ENABLED=true)");
            }
            if (d.node().at("/spec/replicas").asInt() < 2) {
                errors.add("prod: " + d.name() + " must run at least 2 replicas");
            }
        }
        for (String layer : List.of("overlays/dev", "overlays/prod")) {
            for (String policy : List.of("call-ingest-from-pbx", "crm-apis-from-crm")) {
                Doc p = find(layers.get(layer), "NetworkPolicy", policy).orElseThrow();
                Doc base = find(layers.get("base"), "NetworkPolicy", policy).orElseThrow();
                if (p.node().at("/spec/ingress/0/from").equals(base.node().at("/spec/ingress/0/from"))) {
                    errors.add(layer + ": " + policy + " keeps the base's placeholder networks");
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    // --- kubectl, where installed

    @Test
    void kubectlRendersTheOverlaysAsTheTestBuildsThem() throws Exception {
        assumeTrue(kubectl(), "kubectl is not installed: the overlays are checked as built by the test only");
        List<String> errors = new ArrayList<>();
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(overlay).toString())
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ": " + err).isZero();
            List<Doc> rendered = new ArrayList<>();
            for (JsonNode node : Yaml.documents(out)) {
                StrictModel.resource(node, "kubectl kustomize " + overlay);
                rendered.add(new Doc("kubectl kustomize " + overlay, (ObjectNode) node));
            }
            String layer = "kubectl " + overlay;
            checkDeployments(layer, rendered, errors);
            checkNetwork(layer, rendered, errors);
            Set<String> theirs = rendered.stream().map(d -> d.kind() + "/" + d.name().replaceAll("-config-[a-z0-9]+$",
                    "-config")).collect(Collectors.toCollection(TreeSet::new));
            Set<String> ours = layers.get(overlay).stream().map(d -> d.kind() + "/" + d.name())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!theirs.equals(ours)) {
                errors.add(layer + " renders " + theirs + ", the test builds " + ours);
            }
            for (Doc d : rendered) {
                Doc mine = find(layers.get(overlay), d.kind(), d.name().replaceAll("-config-[a-z0-9]+$", "-config"))
                        .orElse(null);
                if (mine != null && !d.kind().equals("Deployment") && !d.kind().equals("ConfigMap")
                        && !d.node().path("spec").equals(mine.node().path("spec"))) {
                    errors.add(layer + ": " + d.kind() + "/" + d.name() + " differs from the test's build");
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    static boolean kubectl() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
