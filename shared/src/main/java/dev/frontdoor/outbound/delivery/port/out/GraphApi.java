package dev.frontdoor.outbound.delivery.port.out;

import dev.frontdoor.outbound.delivery.GraphResult;
import java.util.Map;

/**
 * {@code POST /{version}/{phone-number-id}/messages}. Never throws for an HTTP or network error.
 */
public interface GraphApi {
  GraphResult send(String phoneNumberId, Map<String, Object> body);
}
