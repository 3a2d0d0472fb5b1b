package io.callbridge.index.facade.uis;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code get.call_legs_report}.
 *
 * @param data the legs, oldest first, each with the requested fields in the requested order
 */
public record CallLegsReport(List<Map<String, Object>> data) {
}
