package io.callbridge.index.facade.uis;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code get.call_legs_report}.
 *
 * @param data the legs, oldest first, each with the requested fields in the requested order
 */
// Carried as JsonRpcResponse's untyped result, so Quarkus REST does not see it among the types it registers for
// Jackson; a native executable needs it registered.
@RegisterForReflection
public record CallLegsReport(List<Map<String, Object>> data) {
}
