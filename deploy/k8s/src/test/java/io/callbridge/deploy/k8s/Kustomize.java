package io.callbridge.deploy.k8s;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.ConfigMapArgs;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Image;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Patch;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A kustomization read the way kustomize reads it, for the subset of kustomize these manifests use: resources
 * (files and directories), configMapGenerator (files; create, merge or replace), JSON 6902 patches (files or
 * inline, with targets), images and replicas. Every file it names must exist and parse strictly; every patch must find its targets and
 * apply (a {@code replace} or {@code test} of a path the target lacks fails, as in kustomize); an images or
 * replicas entry that matches nothing fails. A kustomize feature outside this subset fails too, so the result is
 * never a silent mis-rendering. Generated names get no hash suffix here.
 */
final class Kustomize {

    /** One object of the result and the file it came from. */
    record Doc(String origin, ObjectNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    /** Every file a kustomization read (itself, resources, patches, generator files), to find unreferenced ones. */
    final Set<Path> visitedFiles = new LinkedHashSet<>();

    List<Doc> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(dir + ": no kustomization.yaml");
        }
        visitedFiles.add(file.normalize());
        List<JsonNode> nodes = Yaml.documents(file);
        if (nodes.size() != 1) {
            throw new AssertionError(file + ": one document expected");
        }
        Kustomization k = StrictModel.kustomization(nodes.get(0), file.toString());
        refuseUnsupported(k, file);

        List<Doc> docs = new ArrayList<>();
        for (String resource : k.getResources()) {
            Path target = dir.resolve(resource).normalize();
            if (Files.isDirectory(target)) {
                docs.addAll(build(target));
            } else if (Files.isRegularFile(target)) {
                visitedFiles.add(target);
                for (JsonNode node : Yaml.documents(target)) {
                    StrictModel.resource(node, target.toString());
                    docs.add(new Doc(target.toString(), (ObjectNode) node));
                }
            } else {
                throw new AssertionError(file + ": resource " + resource + " does not exist");
            }
        }
        for (ConfigMapArgs generator : k.getConfigMapGenerator()) {
            Doc generated = configMap(dir, file, generator);
            String behavior = generator.getBehavior() == null ? "create" : generator.getBehavior();
            if (behavior.equals("create")) {
                docs.add(generated);
                continue;
            }
            // An overlay replacing or merging the keys of a ConfigMap generated further down.
            Doc existing = docs.stream().filter(d -> d.kind().equals("ConfigMap") && d.name().equals(generator.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(file + ": configMapGenerator " + generator.getName()
                            + " with behavior " + behavior + ", but no such ConfigMap below"));
            ObjectNode data = (ObjectNode) existing.node().get("data");
            if (behavior.equals("replace")) {
                data.removeAll();
            } else if (!behavior.equals("merge")) {
                throw new AssertionError(file + ": configMapGenerator behavior " + behavior);
            }
            data.setAll((ObjectNode) generated.node().get("data"));
        }
        for (Patch patch : k.getPatches()) {
            applyPatch(dir, file, patch, docs);
        }
        for (Replica replica : k.getReplicas()) {
            List<Doc> targets = docs.stream()
                    .filter(d -> d.kind().equals("Deployment") && d.name().equals(replica.getName())).toList();
            if (targets.isEmpty()) {
                throw new AssertionError(file + ": replicas names " + replica.getName() + ", which is no Deployment");
            }
            targets.forEach(d -> ((ObjectNode) d.node().get("spec")).put("replicas", replica.getCount()));
        }
        for (Image image : k.getImages()) {
            int matched = 0;
            for (Doc d : docs) {
                for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                    String current = c.path("image").asText();
                    String name = Images.name(current);
                    if (name.equals(image.getName())) {
                        String newName = image.getNewName() != null ? image.getNewName() : name;
                        String tag = image.getNewTag() != null ? image.getNewTag() : Images.tag(current);
                        ((ObjectNode) c).put("image", tag == null ? newName : newName + ":" + tag);
                        matched++;
                    }
                }
            }
            if (matched == 0) {
                throw new AssertionError(file + ": images names " + image.getName() + ", which no container uses");
            }
        }
        if (k.getNamespace() != null) {
            docs.forEach(d -> ((ObjectNode) d.node().get("metadata")).put("namespace", k.getNamespace()));
        }
        // The result parses strictly too: a patch can break a manifest that was valid.
        docs.forEach(d -> StrictModel.resource(d.node(), d.origin() + " as built by " + file));
        return docs;
    }

    private static void refuseUnsupported(Kustomization k, Path file) {
        List<String> used = new ArrayList<>();
        if (!k.getSecretGenerator().isEmpty()) {
            used.add("secretGenerator (no Secret with values is committed)");
        }
        if (!k.getComponents().isEmpty()) used.add("components");
        if (!k.getPatchesStrategicMerge().isEmpty()) used.add("patchesStrategicMerge");
        if (!k.getPatchesJson6902().isEmpty()) used.add("patchesJson6902");
        if (!k.getLabels().isEmpty() || !k.getCommonLabels().isEmpty()) used.add("labels/commonLabels");
        if (!k.getCommonAnnotations().isEmpty()) used.add("commonAnnotations");
        if (k.getNamePrefix() != null || k.getNameSuffix() != null) used.add("namePrefix/nameSuffix");
        if (!k.getReplacements().isEmpty() || !k.getVars().isEmpty()) used.add("replacements/vars");
        if (!k.getHelmCharts().isEmpty() || !k.getGenerators().isEmpty() || !k.getTransformers().isEmpty()) {
            used.add("helm/generators/transformers");
        }
        if (!k.getBases().isEmpty() || !k.getCrds().isEmpty() || !k.getConfigurations().isEmpty()) {
            used.add("bases/crds/configurations");
        }
        if (!used.isEmpty()) {
            throw new AssertionError(file + ": uses " + used + ", which the manifest test does not render");
        }
    }

    private Doc configMap(Path dir, Path file, ConfigMapArgs generator) {
        if (!generator.getLiterals().isEmpty() || !generator.getEnvs().isEmpty() || generator.getEnv() != null) {
            throw new AssertionError(file + ": configMapGenerator " + generator.getName()
                    + ": only files (one application.properties) are used");
        }
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", generator.getName());
        ObjectNode data = cm.putObject("data");
        for (String entry : generator.getFiles()) {
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : Path.of(entry).getFileName().toString();
            Path source = dir.resolve(entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry).normalize();
            if (!Files.isRegularFile(source)) {
                throw new AssertionError(file + ": configMapGenerator file " + source + " does not exist");
            }
            visitedFiles.add(source);
            try {
                data.put(key, Files.readString(source));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Doc(file + " configMapGenerator " + generator.getName(), cm);
    }

    private void applyPatch(Path dir, Path file, Patch patch, List<Doc> docs) {
        String text;
        String where;
        if (patch.getPath() != null) {
            Path source = dir.resolve(patch.getPath()).normalize();
            if (!Files.isRegularFile(source)) {
                throw new AssertionError(file + ": patch " + patch.getPath() + " does not exist");
            }
            visitedFiles.add(source);
            where = source.toString();
            try {
                text = Files.readString(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (patch.getPatch() != null) {
            where = file + " (inline patch)";
            text = patch.getPatch();
        } else {
            throw new AssertionError(file + ": a patch without path or patch");
        }
        List<JsonNode> parsed = Yaml.documents(text);
        if (parsed.size() != 1 || !parsed.get(0).isArray()) {
            throw new AssertionError(where + ": only JSON 6902 patches (a list of operations) are used");
        }
        List<StrictModel.JsonPatchOp> ops = StrictModel.jsonPatch(parsed.get(0), where);
        if (patch.getTarget() == null || patch.getTarget().getKind() == null) {
            throw new AssertionError(where + ": a JSON 6902 patch needs a target with a kind");
        }
        var target = patch.getTarget();
        if (target.getLabelSelector() != null || target.getAnnotationSelector() != null) {
            throw new AssertionError(where + ": target selectors are not rendered by the manifest test");
        }
        List<Doc> targets = docs.stream()
                .filter(d -> d.kind().equals(target.getKind()))
                .filter(d -> target.getName() == null || d.name().matches(target.getName()))
                .toList();
        if (targets.isEmpty()) {
            throw new AssertionError(where + ": its target " + target.getKind() + "/" + target.getName()
                    + " matches nothing");
        }
        for (Doc d : targets) {
            for (StrictModel.JsonPatchOp op : ops) {
                apply(d.node(), op, where + " on " + d.kind() + "/" + d.name());
            }
        }
    }

    static void apply(ObjectNode root, StrictModel.JsonPatchOp op, String where) {
        JsonPointer pointer = JsonPointer.compile(op.path());
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        JsonNode current = root.at(pointer);
        switch (op.op()) {
            case "test" -> {
                if (!current.equals(op.value())) {
                    throw new AssertionError(where + ": test of " + op.path() + " failed: " + current);
                }
            }
            case "replace", "remove" -> {
                if (current.isMissingNode()) {
                    throw new AssertionError(where + ": " + op.op() + " of " + op.path() + ", which does not exist");
                }
                if (parent instanceof ObjectNode o) {
                    if (op.op().equals("replace")) o.set(last, op.value()); else o.remove(last);
                } else {
                    ArrayNode a = (ArrayNode) parent;
                    int i = Integer.parseInt(last);
                    if (op.op().equals("replace")) a.set(i, op.value()); else a.remove(i);
                }
            }
            case "add" -> {
                if (parent instanceof ObjectNode o) {
                    o.set(last, op.value());
                } else if (parent instanceof ArrayNode a) {
                    if (last.equals("-")) {
                        a.add(op.value());
                    } else {
                        int i = Integer.parseInt(last);
                        if (i > a.size()) {
                            throw new AssertionError(where + ": add at " + op.path() + " beyond the list");
                        }
                        a.insert(i, op.value());
                    }
                } else {
                    throw new AssertionError(where + ": add at " + op.path() + ", whose parent does not exist");
                }
            }
            default -> throw new AssertionError(where + ": op " + op.op() + " is not rendered by the manifest test");
        }
    }
}
