package io.callbridge.deploy.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service module's code and built-in configuration declare: its artifactId, the main-profile properties of
 * src/main/resources/application.properties, the {@code @ConfigMapping} prefixes (with the property names each
 * interface declares) and {@code @ConfigProperty} names of its sources and of common-model's, and the class-level
 * JAX-RS paths. Read from the sources, so the test follows the code as it changes.
 */
final class ServiceModule {

    private static final Pattern ARTIFACT_ID = Pattern.compile(
            "</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("(?:@WithName\\(\"([^\"]+)\"\\)\\s*)?[\\w<>,.?\\[\\] ]+\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern TYPE_START = Pattern.compile("^\\s*(public\\s+)?(final\\s+|abstract\\s+)*(class|interface|record)\\s", Pattern.MULTILINE);
    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");

    final String directory;
    final String artifactId;
    /** The properties built into the image, as the prod profile sees them (other profiles left out). */
    final Map<String, String> builtIn;
    /** @ConfigMapping prefix → the property names (kebab case) its file declares. */
    final Map<String, Set<String>> mappings = new HashMap<>();
    final Set<String> configProperties = new LinkedHashSet<>();
    /** Class-level JAX-RS @Path values, and the CXF path when SOAP endpoints are configured. */
    final List<String> httpRoots = new ArrayList<>();

    ServiceModule(Path repo, String directory) {
        this.directory = directory;
        Path module = repo.resolve(directory);
        Matcher m = ARTIFACT_ID.matcher(read(module.resolve("pom.xml")));
        if (!m.find()) {
            throw new AssertionError(directory + "/pom.xml: no artifactId");
        }
        artifactId = m.group(1).trim();
        builtIn = mainProfile(read(module.resolve("src/main/resources/application.properties")));
        scanSources(module.resolve("src/main/java"), true);
        scanSources(repo.resolve("common-model/src/main/java"), false);
        if (builtIn.containsKey("quarkus.cxf.path")) {
            httpRoots.add(builtIn.get("quarkus.cxf.path"));
        }
    }

    boolean ownsTables() {
        return builtIn.containsKey("quarkus.datasource.db-kind");
    }

    /** The topics this service reads (its incoming channels). */
    Set<String> incomingTopics() {
        Set<String> topics = new LinkedHashSet<>();
        builtIn.forEach((k, v) -> {
            if (k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                topics.add(v);
            }
        });
        return topics;
    }

    /** Every topic its configuration names: channels and dead-letter topics. */
    Set<String> configuredTopics() {
        Set<String> topics = new LinkedHashSet<>();
        builtIn.forEach((k, v) -> {
            if (k.matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)")) {
                topics.add(v);
            }
        });
        return topics;
    }

    Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        for (String k : builtIn.keySet()) {
            Matcher m = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\..*").matcher(k);
            if (m.matches()) {
                channels.add(m.group(1) + "." + m.group(2));
            }
        }
        return channels;
    }

    static Map<String, String> mainProfile(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // What a packaged service runs with: the keys without profile, then those of the prod profile over them.
        Map<String, String> result = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted()
                .forEach(k -> result.put(k, p.getProperty(k)));
        p.stringPropertyNames().stream().filter(k -> k.startsWith("%prod.")).sorted()
                .forEach(k -> result.put(k.substring("%prod.".length()), p.getProperty(k)));
        return result;
    }

    private void scanSources(Path root, boolean own) {
        if (!Files.isDirectory(root)) {
            throw new AssertionError(root + " does not exist");
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = read(f);
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    Set<String> names = new LinkedHashSet<>();
                    Matcher method = METHOD.matcher(text);
                    while (method.find()) {
                        names.add(method.group(1) != null ? method.group(1) : kebab(method.group(2)));
                    }
                    mappings.computeIfAbsent(mapping.group(1), k -> new LinkedHashSet<>()).addAll(names);
                }
                Matcher property = PROPERTY.matcher(text);
                while (property.find()) {
                    configProperties.add(property.group(1));
                }
                if (own) {
                    Matcher type = TYPE_START.matcher(text);
                    String head = type.find() ? text.substring(0, type.start()) : "";
                    Matcher path = PATH.matcher(head);
                    while (path.find()) {
                        httpRoots.add(path.group(1).startsWith("/") ? path.group(1) : "/" + path.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
