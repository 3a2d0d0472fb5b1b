package io.callbridge.dispatch.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every preset, by name. */
@ApplicationScoped
public class Presets {

    private final Map<String, Preset> byName = new TreeMap<>();

    Presets(Instance<Preset> presets) {
        presets.forEach(preset -> byName.put(preset.name(), preset));
    }

    public Optional<Preset> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
