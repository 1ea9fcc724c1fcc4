package dev.frontdoor.lifecycle;

import dev.frontdoor.common.CustomerKey;
import java.util.Optional;

/**
 * An inbound media message as stored: its place, the customer's pseudonym (the archive key's
 * folder, which erasure deletes), Meta's media id and the {@code sha256} and {@code mime_type} the
 * webhook gave, when Frontdoor received it, and the archive state already recorded on it, if any
 * ({@code archived} or {@code failed}).
 */
public record ArchivableMedia(
    CustomerKey thread,
    String sortKey,
    String customerRef,
    String mediaId,
    String sha256,
    String mimeType,
    long receivedAtMillis,
    Optional<String> state) {}
