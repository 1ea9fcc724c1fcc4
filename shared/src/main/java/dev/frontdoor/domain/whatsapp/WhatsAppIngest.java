package dev.frontdoor.domain.whatsapp;

import dev.frontdoor.domain.thread.MessageRef;
import dev.frontdoor.domain.thread.StatusRanks;
import dev.frontdoor.domain.thread.StoreRejectedException;
import dev.frontdoor.logging.Log;
import dev.frontdoor.port.in.IngestWhatsAppWebhook;
import dev.frontdoor.port.out.InboundStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Inbound WhatsApp: size cap, then the signature on the raw bytes, then parsing, then every entry
 * stored with idempotent writes (docs/data-model.md, 9.2 and 9.3). It answers "stored" only when
 * all of it is durable; a store failure propagates so the caller answers 5xx and Meta retries.
 */
public final class WhatsAppIngest implements IngestWhatsAppWebhook {
  private static final Log LOG = Log.of(WhatsAppIngest.class);
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

  private final WebhookSignature signature;
  private final WebhookParser parser;
  private final InboundStore store;
  private final Clock clock;
  private final int maxBodyBytes;
  private final OptOutKeywords keywords;
  private final StatusApplier statuses;

  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      InboundStore store,
      Clock clock,
      int maxBodyBytes) {
    this(signature, parser, store, clock, maxBodyBytes, OptOutKeywords.DEFAULT);
  }

  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      InboundStore store,
      Clock clock,
      int maxBodyBytes,
      OptOutKeywords keywords) {
    this.signature = signature;
    this.parser = parser;
    this.store = store;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.keywords = keywords;
    this.statuses = new StatusApplier(store);
  }

  @Override
  public IngestOutcome ingest(WebhookDelivery delivery) {
    if (delivery.body().length > maxBodyBytes) {
      return refuse(413, "the body is larger than " + maxBodyBytes + " bytes");
    }
    if (!isJson(delivery.contentType())) {
      return refuse(415, "the content type must be application/json");
    }
    switch (signature.check(delivery.body(), delivery.signature())) {
      case MISSING:
        return refuse(401, "the X-Hub-Signature-256 header is missing");
      case INVALID:
        return refuse(403, "the X-Hub-Signature-256 signature does not match the body");
      default:
        break;
    }
    WebhookBatch batch;
    try {
      batch = parser.parse(delivery.body());
    } catch (MalformedWebhookException e) {
      return refuse(400, e.getMessage());
    }
    try {
      return store(batch, clock.instant());
    } catch (StoreRejectedException e) {
      return refuse(400, "an entry cannot be stored: " + e.getMessage());
    }
  }

  private IngestOutcome store(WebhookBatch batch, Instant now) {
    int stored = 0;
    for (InboundMessage message : batch.messages()) {
      stored += storeMessage(message, now) ? 1 : 0;
    }
    for (StatusUpdate status : batch.statuses()) {
      stored += storeStatus(status, now) ? 1 : 0;
    }
    for (WhatsAppCallEvent call : batch.calls()) {
      boolean isNew = store.putCallEvent(call, now);
      store.touchThread(call.customer(), call.business(), call.atMillis(), null, now);
      stored += isNew ? 1 : 0;
    }
    for (RawEvent raw : batch.rawEvents()) {
      boolean isNew = store.putRawEvent(raw, now);
      if (isNew) {
        LOG.warn("webhook.raw_event.stored")
            .field("kind", raw.kind())
            .field("reason", raw.reason())
            .write();
      }
      stored += isNew ? 1 : 0;
    }
    LOG.info("webhook.ingested")
        .field("messages", batch.messages().size())
        .field("statuses", batch.statuses().size())
        .field("calls", batch.calls().size())
        .field("raw_events", batch.rawEvents().size())
        .field("new", stored)
        .write();
    return new IngestOutcome.Stored(stored, batch.size() - stored);
  }

  /**
   * 9.2: one insert-once write. The message item is also the customer's service window with this
   * business number (derived when read) and carries the profile name; a keyword adds the opt-out.
   */
  private boolean storeMessage(InboundMessage message, Instant now) {
    InboundStore.Put put = store.putInboundMessage(message, now);
    keywords
        .optOutChange(message)
        .ifPresent(
            optedOut ->
                store.recordOptOut(
                    message.customer(), optedOut, message.atMillis(), "keyword", now));
    return put.isNew();
  }

  /** 9.3: resolve the message; apply, or keep the status pending until the message appears. */
  private boolean storeStatus(StatusUpdate status, Instant now) {
    if (status.isPayment() || StatusRanks.of(status.status()).isEmpty()) {
      return store.putStatus(status, Optional.empty(), now);
    }
    Optional<MessageRef> target = resolve(status, now);
    if (target.isEmpty()) {
      boolean isNew = store.putPendingStatus(status, now);
      target = store.findByWamid(status.wamid(), now);
      if (target.isEmpty()) {
        LOG.info("webhook.status.pending").field("status", status.status()).write();
        return isNew;
      }
      store.deletePendingStatus(status);
    }
    return apply(target.get(), status, now);
  }

  /** Applies a status to a message known to exist. */
  boolean apply(MessageRef target, StatusUpdate status, Instant now) {
    return statuses.apply(target, status, now);
  }

  /** The sender's half of the pending-status protocol; see {@link StatusApplier}. */
  public int applyPending(String wamid, MessageRef target, Instant now) {
    return statuses.applyPending(wamid, target, now);
  }

  private Optional<MessageRef> resolve(StatusUpdate status, Instant now) {
    Optional<String> messageId = status.callbackData().filter(data -> ULID.matcher(data).matches());
    if (messageId.isPresent()) {
      Optional<MessageRef> byId = store.findByMessageId(messageId.get(), now);
      if (byId.isPresent()) {
        return byId;
      }
    }
    return store.findByWamid(status.wamid(), now);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
    return type.equals("application/json");
  }

  private static IngestOutcome refuse(int status, String reason) {
    LOG.warn("webhook.refused").field("status", status).field("reason", reason).write();
    return new IngestOutcome.Refused(status, reason);
  }
}
