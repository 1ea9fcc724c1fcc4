package dev.frontdoor.outbound.send;

import dev.frontdoor.common.PhoneNumberId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The business numbers this deployment sends from ({@code META_PHONE_NUMBER_ID}, {@code
 * META_PHONE_NUMBER_IDS}), canonical, the default first. The send API takes no other: an access
 * token may reach more numbers than the deployment was set up for (its limits, its windows).
 */
public record BusinessNumbers(List<String> ids) {

  public BusinessNumbers {
    Set<String> canonical = new LinkedHashSet<>();
    for (String id : ids) {
      canonical.add(PhoneNumberId.canonicalOf(id));
    }
    ids = List.copyOf(canonical);
  }

  public static BusinessNumbers none() {
    return new BusinessNumbers(List.of());
  }

  /** The number a request that names none is sent from. */
  public Optional<String> defaultId() {
    return ids.stream().findFirst();
  }

  /** The configured number {@code given} spells (leading zeros or not), if it is one. */
  public Optional<String> find(String given) {
    return PhoneNumberId.canonical(given).filter(ids::contains);
  }
}
