package io.callbridge.ingest.vendor;

import io.callbridge.common.event.SourceSystem;
import io.callbridge.ingest.source.SourceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/** The adapter of each vendor, picked by a source's configured vendor. */
@ApplicationScoped
public class VendorAdapters {

    private final Map<SourceSystem, VendorAdapter> bySystem = new EnumMap<>(SourceSystem.class);

    public VendorAdapters(Instance<VendorAdapter> adapters) {
        adapters.forEach(adapter -> {
            if (bySystem.put(adapter.system(), adapter) != null) {
                throw new IllegalStateException("two adapters read " + adapter.system());
            }
        });
    }

    /** @throws IllegalStateException when a source names a vendor no adapter reads: a configuration error */
    public VendorAdapter of(SourceContext source) {
        VendorAdapter adapter = bySystem.get(source.source().system());
        if (adapter == null) {
            throw new IllegalStateException("no adapter reads " + source.source().system() + " (source "
                    + source.name() + ")");
        }
        return adapter;
    }

    public boolean reads(SourceSystem system) {
        return bySystem.containsKey(system);
    }
}
