package io.callbridge.deploy.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into the vendor's Java model and refuses every field the model does not know.
 *
 * <p>fabric8's and Strimzi's models keep unknown fields in {@code additionalProperties} instead of failing; a
 * typo ({@code readinessProbes}, {@code minInsyncReplicas}) would pass unnoticed and be dropped by the API server
 * or the operator. So after reading, every object of the tree is walked and any non-empty
 * {@code additionalProperties} is an error naming its path. CloudNativePG publishes no Java model on Maven
 * Central: its two kinds are read into the records below, which hold only the fields these manifests use, with
 * unknown fields failing.
 */
final class StrictModel {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** apiVersion/kind → the model class; a kind not listed here has no strict model and is refused. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgCluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", CnpgDatabase.class));

    private StrictModel() {
    }

    static String kindKey(JsonNode node) {
        return node.path("apiVersion").asText() + "/" + node.path("kind").asText();
    }

    /** A Kubernetes object in its model; fails on an unknown kind, an unknown field or a wrong type. */
    static Object resource(JsonNode node, String where) {
        Class<?> type = KINDS.get(kindKey(node));
        if (type == null) {
            throw new AssertionError(where + ": no strict model for " + kindKey(node)
                    + " (add it to StrictModel.KINDS, or do not use the kind)");
        }
        return read(node, type, where);
    }

    static Kustomization kustomization(JsonNode node, String where) {
        return read(node, Kustomization.class, where);
    }

    static List<JsonPatchOp> jsonPatch(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new AssertionError(where + ": a JSON 6902 patch is a list of operations");
        }
        List<JsonPatchOp> ops = new ArrayList<>();
        for (JsonNode op : node) {
            ops.add(read(op, JsonPatchOp.class, where));
        }
        return ops;
    }

    static <T> T read(JsonNode node, Class<T> type, String where) {
        T value;
        try {
            value = isCnpgOrOwn(type) ? STRICT.treeToValue(node, type) : FABRIC8.convertValue(node, type);
        } catch (Exception | LinkageError e) {
            throw new AssertionError(where + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        walk(value, type.getSimpleName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + ": unknown fields " + unknown);
        }
        return value;
    }

    private static boolean isCnpgOrOwn(Class<?> type) {
        return type.getPackageName().equals(StrictModel.class.getPackageName());
    }

    private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value.getClass().isPrimitive() || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        Class<?> type = value.getClass();
        String pkg = type.getPackageName();
        if (!(pkg.startsWith("io.fabric8") || pkg.startsWith("io.strimzi") || isCnpgOrOwn(type))) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                walk(invoke(c.getAccessor(), value), path + "." + c.getName(), unknown, seen);
            }
            return;
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.isBridge() || m.isSynthetic()
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            if (name.equals("getAdditionalProperties")) {
                Object extra = invoke(m, value);
                if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
                    map.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else if (name.startsWith("get") && name.length() > 3 && !name.equals("getNumericalAmount")) {
                walk(invoke(m, value), path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4),
                        unknown, seen);
            }
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(m + ": " + e.getMessage(), e);
        }
    }

    /** One operation of a JSON 6902 patch (RFC 6902). */
    record JsonPatchOp(String op, String path, JsonNode value, String from) {
        JsonPatchOp {
            if (!List.of("add", "remove", "replace", "move", "copy", "test").contains(op)) {
                throw new IllegalArgumentException("op " + op);
            }
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path " + path);
            }
        }
    }

    // --- CloudNativePG, postgresql.cnpg.io/v1: the fields these manifests use, named as in its API reference.

    record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, String imageName, String primaryUpdateStrategy,
            Boolean enableSuperuserAccess, Storage storage, ResourceRequirements resources, Affinity affinity,
            PostgresConfiguration postgresql, Bootstrap bootstrap, Managed managed) {
    }

    record Storage(String size, String storageClass) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalRef secret) {
    }

    record Managed(List<Role> roles) {
    }

    record Role(String name, String ensure, Boolean login, Boolean superuser, Boolean createdb, Boolean inherit,
            Integer connectionLimit, List<String> inRoles, LocalRef passwordSecret, String comment) {
    }

    record LocalRef(String name) {
    }

    record CnpgDatabase(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    record DatabaseSpec(String name, String owner, LocalRef cluster, String ensure, String databaseReclaimPolicy) {
    }
}
