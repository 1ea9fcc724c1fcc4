package dev.frontdoor.inbound;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.StoreRejectedException;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.common.UserId;
import dev.frontdoor.inbound.port.in.IngestWhatsAppWebhook;
import dev.frontdoor.logging.Log;
import dev.frontdoor.logging.Redaction;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.StatusApplier;
import dev.frontdoor.threads.StatusRanks;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.WhatsAppCallEvent;
import dev.frontdoor.threads.port.out.CallFollowUp;
import dev.frontdoor.threads.port.out.MediaFollowUp;
import dev.frontdoor.threads.port.out.MessageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Inbound WhatsApp: size cap, then the signature on the raw bytes, then parsing, then every entry
 * stored with idempotent writes (docs/data-model.md, 9.2 and 9.3). It answers "stored" only when
 * all of it is durable; a store failure propagates so the caller answers 5xx and Meta retries. An
 * entry the table refuses as it is, is kept as a raw event; the others are stored as usual.
 */
public final class WhatsAppIngest implements IngestWhatsAppWebhook, AutoCloseable {
  private static final Log LOG = Log.of(WhatsAppIngest.class);
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

  /** A ULID whose time fits its 48 bits (first character 0-7): one Frontdoor could have minted. */
  private static final Pattern MINTABLE_ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

  /**
   * Entries stored at once: the table calls are I/O-bound, so more run than Lambda has cores; as
   * many as the table client's connections (AwsClients.lambdaHttpClient), so none waits for one.
   */
  static final int CONCURRENCY = 16;

  private final WebhookSignature signature;
  private final WebhookParser parser;
  private final IngestStores stores;
  private final Clock clock;
  private final int maxBodyBytes;
  private final OptOutKeywords keywords;
  private final CallFollowUp callFollowUp;
  private final MediaFollowUp mediaFollowUp;
  private final StatusApplier statuses;
  private final KnownUserIds recentPairs = new KnownUserIds();
  private ExecutorService pool;

  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      IngestStores stores,
      Clock clock,
      int maxBodyBytes) {
    this(signature, parser, stores, clock, maxBodyBytes, OptOutKeywords.DEFAULT);
  }

  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      IngestStores stores,
      Clock clock,
      int maxBodyBytes,
      OptOutKeywords keywords) {
    this(signature, parser, stores, clock, maxBodyBytes, keywords, CallFollowUp.NONE);
  }

  /** {@code callFollowUp} runs after each stored call event (the voice capability's summaries). */
  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      IngestStores stores,
      Clock clock,
      int maxBodyBytes,
      OptOutKeywords keywords,
      CallFollowUp callFollowUp) {
    this(
        signature, parser, stores, clock, maxBodyBytes, keywords, callFollowUp, MediaFollowUp.NONE);
  }

  /** {@code mediaFollowUp} runs after each stored media message (the media archive's job). */
  public WhatsAppIngest(
      WebhookSignature signature,
      WebhookParser parser,
      IngestStores stores,
      Clock clock,
      int maxBodyBytes,
      OptOutKeywords keywords,
      CallFollowUp callFollowUp,
      MediaFollowUp mediaFollowUp) {
    this.callFollowUp = callFollowUp;
    this.mediaFollowUp = mediaFollowUp;
    this.signature = signature;
    this.parser = parser;
    this.stores = stores;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.keywords = keywords;
    this.statuses = new StatusApplier(stores.messages(), stores.statuses());
  }

  @Override
  public IngestOutcome ingest(WebhookDelivery delivery) {
    if (delivery.body().length > maxBodyBytes) {
      return refuse(
          IngestOutcome.Why.BODY_TOO_LARGE, "the body is larger than " + maxBodyBytes + " bytes");
    }
    if (!isJson(delivery.contentType())) {
      return refuse(IngestOutcome.Why.NOT_JSON, "the content type must be application/json");
    }
    switch (signature.check(delivery.body(), delivery.signature())) {
      case MISSING:
        return refuse(
            IngestOutcome.Why.SIGNATURE_MISSING, "the X-Hub-Signature-256 header is missing");
      case INVALID:
        return refuse(
            IngestOutcome.Why.SIGNATURE_INVALID,
            "the X-Hub-Signature-256 signature does not match the body");
      default:
        break;
    }
    WebhookBatch batch;
    try {
      batch = parser.parse(delivery.body());
    } catch (MalformedWebhookException e) {
      return refuse(IngestOutcome.Why.MALFORMED, e.getMessage());
    }
    try {
      return store(batch, clock.instant());
    } catch (StoreRejectedException e) {
      return refuse(IngestOutcome.Why.UNSTORABLE, "an entry cannot be stored: " + e.getMessage());
    }
  }

  private IngestOutcome store(WebhookBatch batch, Instant now) {
    // BSUIDs the batch itself pairs with a number: a BSUID-only entry of the same delivery goes to
    // that number's thread even if its lane runs before the lookup is written.
    Map<UserId, CustomerNumber> paired = pairs(batch);
    // Entries that write the same items run in order, on one lane; lanes run concurrently, so a
    // batch of 1,000 entries costs far less than 1,000 sequential rounds of table calls.
    Map<String, List<Entry>> lanes = new LinkedHashMap<>();
    for (InboundMessage message : batch.messages()) {
      // A keyword message changes the customer's opt-out: those keep their batch order (by BSUID
      // when there is one, as the thread of a BSUID-only message is known only once resolved).
      String lane =
          keywords.optOutChange(message).isPresent()
              ? "customer:"
                  + (message.userId() != null
                      ? message.userId().value()
                      : message.customer().value())
              : "wamid:" + message.wamid();
      lanes
          .computeIfAbsent(lane, k -> new ArrayList<>())
          .add(() -> storeMessage(message, paired, now));
    }
    MessageStore.Lookups known = prefetch(batch.statuses(), now);
    for (StatusUpdate status : batch.statuses()) {
      lanes
          .computeIfAbsent("wamid:" + status.wamid(), k -> new ArrayList<>())
          .add(() -> storeStatus(status, known, paired, now));
    }
    for (WhatsAppCallEvent call : batch.calls()) {
      lanes
          .computeIfAbsent("call:" + call.callId(), k -> new ArrayList<>())
          .add(() -> storeCall(call, now));
    }
    for (RawEvent raw : batch.rawEvents()) {
      lanes.put("raw:" + lanes.size(), List.of(() -> keepRaw(raw, now)));
    }
    int stored = runAll(lanes.values());
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
   * Runs every lane, each in order, at most {@link #CONCURRENCY} at a time, and returns how many
   * entries were new. Returns only when no lane is running any more. The first failure is thrown (a
   * store failure becomes 503, so Meta retries the whole delivery); lanes not yet started are then
   * skipped, as the retry repeats them anyway.
   */
  private int runAll(Collection<List<Entry>> lanes) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    if (lanes.size() <= 1) {
      // One lane (the usual single-message webhook): no hand-off to another thread.
      int stored = lanes.isEmpty() ? 0 : runLane(lanes.iterator().next(), failure);
      if (failure.get() != null) {
        throw failure.get();
      }
      return stored;
    }
    List<Future<Integer>> running = new ArrayList<>(lanes.size());
    for (List<Entry> lane : lanes) {
      running.add(pool().submit(() -> runLane(lane, failure)));
    }
    int stored = 0;
    boolean interrupted = false;
    for (Future<Integer> lane : running) {
      while (true) {
        try {
          stored += lane.get();
          break;
        } catch (InterruptedException e) {
          // Keep waiting: answering while lanes still write would be answering too early.
          interrupted = true;
          failure.compareAndSet(null, new StoreUnavailableException("ingest was interrupted", e));
        } catch (ExecutionException e) {
          failure.compareAndSet(
              null,
              e.getCause() instanceof RuntimeException cause
                  ? cause
                  : new IllegalStateException(e.getCause()));
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return stored;
  }

  private static int runLane(List<Entry> lane, AtomicReference<RuntimeException> failure) {
    int stored = 0;
    for (Entry entry : lane) {
      if (failure.get() != null) {
        break;
      }
      try {
        stored += entry.store() ? 1 : 0;
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
    return stored;
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      // Created on first use, not in the constructor: SnapStart snapshots after construction,
      // and threads are better started after restore. Idle threads end after a minute.
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(
              CONCURRENCY,
              CONCURRENCY,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "ingest-lane");
                thread.setDaemon(true);
                return thread;
              });
      executor.allowCoreThreadTimeOut(true);
      pool = executor;
    }
    return pool;
  }

  /** Stops the lanes' threads (the local runtime closes an execution environment this way). */
  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** One entry's writes; whether the entry was new. */
  @FunctionalInterface
  private interface Entry {
    boolean store();
  }

  /**
   * 9.2 for one message; a message the table cannot hold is kept raw (its opt-out, and its answer
   * to a call permission request, still count). A message with a BSUID and no number goes to the
   * thread of the number the BSUID was seen with (6.2), else to the BSUID's own; one with both
   * records the pair after the message (6, order).
   */
  private boolean storeMessage(
      InboundMessage received, Map<UserId, CustomerNumber> paired, Instant now) {
    InboundMessage message = resolved(received, paired, now);
    boolean isNew;
    try {
      MessageStore.Put put = stores.messages().putInboundMessage(message, now);
      isNew = put.isNew();
      if (message.details().get("media") instanceof Map<?, ?> media && media.get("id") != null) {
        mediaFollowUp.afterMediaMessage(put.thread(), put.sortKey());
      }
    } catch (StoreRejectedException e) {
      isNew = keepUnstorable("message", e, message.source(), customersOf(message), now);
    }
    Optional<CustomerNumber> number = message.number();
    if (message.userId() != null && number.isPresent()) {
      rememberUserId(message.userId(), number.get(), now);
    }
    keywords
        .optOutChange(message)
        .ifPresent(
            optedOut ->
                stores
                    .customers()
                    .recordOptOut(
                        message.customer(), optedOut, message.atMillis(), "keyword", now));
    CallPermission.of(message)
        .ifPresent(
            permission ->
                stores.customers().recordCallPermission(message.customer(), permission, now));
    return isNew;
  }

  /** The message in its number's thread when its BSUID is paired with one; else as it is. */
  private InboundMessage resolved(
      InboundMessage message, Map<UserId, CustomerNumber> paired, Instant now) {
    if (message.number().isPresent() || message.userId() == null) {
      return message;
    }
    UserId userId = message.userId();
    Optional<CustomerNumber> number =
        Optional.ofNullable(paired.get(userId))
            .or(() -> recentPairs.get(userId))
            .or(() -> stores.userIds().findCustomer(userId, now));
    if (number.isEmpty()) {
      LOG.info("webhook.user_id.unpaired")
          .field("user_id", Redaction.userId(userId.value()))
          .write();
      return message;
    }
    return message.inThread(CustomerKey.of(number.get()));
  }

  /**
   * Writes the BSUID lookup unless this execution environment wrote it lately: a customer's every
   * message carries the pair, and a write per message would double what ingest costs.
   */
  private void rememberUserId(UserId userId, CustomerNumber number, Instant now) {
    if (recentPairs.isFresh(userId, number, now)) {
      return;
    }
    if (stores.userIds().putUserId(userId, number, now)) {
      carryOverOptOut(userId, number, now);
    }
    recentPairs.put(userId, number, now);
  }

  /**
   * A customer who opted out (or in) while known only by their BSUID keeps that choice once their
   * number is known: the BSUID thread's latest change is recorded on the number's thread, where a
   * send looks. Recorded with its own time (P2), so a later change on either side still wins.
   */
  private void carryOverOptOut(UserId userId, CustomerNumber number, Instant now) {
    stores
        .customers()
        .optOutChange(CustomerKey.of(userId), now)
        .ifPresent(
            change ->
                stores
                    .customers()
                    .recordOptOut(
                        number, change.optedOut(), change.changedAt(), change.source(), now));
  }

  /** A status named by BSUID only, with the number it was paired with when one is known. */
  private StatusUpdate placed(
      StatusUpdate status, Map<UserId, CustomerNumber> paired, Instant now) {
    if (status.recipient() != null || status.recipientUserId() == null) {
      return status;
    }
    UserId userId = status.recipientUserId();
    return Optional.ofNullable(paired.get(userId))
        .or(() -> recentPairs.get(userId))
        .or(() -> stores.userIds().findCustomer(userId, now))
        .map(status::withRecipient)
        .orElse(status);
  }

  /** Every BSUID that an entry of the batch carries with a number. */
  private static Map<UserId, CustomerNumber> pairs(WebhookBatch batch) {
    Map<UserId, CustomerNumber> paired = new HashMap<>();
    for (InboundMessage message : batch.messages()) {
      if (message.userId() != null) {
        message.number().ifPresent(number -> paired.putIfAbsent(message.userId(), number));
      }
    }
    for (StatusUpdate status : batch.statuses()) {
      if (status.recipientUserId() != null && status.recipient() != null) {
        paired.putIfAbsent(status.recipientUserId(), status.recipient());
      }
    }
    return paired;
  }

  /**
   * The messages of a batch's statuses, read together before any is stored (one call per hundred
   * instead of one per status). What is found here is what a one-by-one read would have found; a
   * status found nowhere still runs the pending protocol with its own consistent read.
   */
  private MessageStore.Lookups prefetch(List<StatusUpdate> statuses, Instant now) {
    if (statuses.size() < 2) {
      return MessageStore.Lookups.NONE;
    }
    Set<String> messageIds = new LinkedHashSet<>();
    Set<String> wamids = new LinkedHashSet<>();
    for (StatusUpdate status : statuses) {
      if (!status.isPayment() && StatusRanks.of(status.status()).isPresent()) {
        callbackMessageId(status).ifPresent(messageIds::add);
        wamids.add(status.wamid());
      }
    }
    return stores.messages().findAll(messageIds, wamids, now);
  }

  private boolean storeStatus(
      StatusUpdate status,
      MessageStore.Lookups found,
      Map<UserId, CustomerNumber> paired,
      Instant now) {
    boolean isNew;
    try {
      isNew = convergeStatus(status, found, paired, now);
    } catch (StoreRejectedException e) {
      isNew = keepUnstorable("status", e, status.source(), customersOf(status), now);
    }
    // A message sent to a number comes back with the customer's BSUID: the likeliest first
    // sight of the pair, before a customer with a username answers with the BSUID alone.
    if (status.recipientUserId() != null && status.recipient() != null) {
      rememberUserId(status.recipientUserId(), status.recipient(), now);
    }
    return isNew;
  }

  private boolean storeCall(WhatsAppCallEvent call, Instant now) {
    ParsedCallEvent parsed;
    try {
      parsed = WhatsAppCallEvents.toCallEvent(call);
    } catch (MalformedWebhookException e) {
      return keepRaw(
          new RawEvent(
              "unmapped:call",
              e.getMessage(),
              call.source().get(),
              List.of(CustomerKey.of(call.customer()))),
          now);
    }
    if (parsed instanceof NotACallState other) {
      return keepRaw(
          new RawEvent(
              "unmapped:call",
              other.reason(),
              call.source().get(),
              List.of(CustomerKey.of(call.customer()))),
          now);
    }
    try {
      CallPut put = stores.calls().putCallEvent((CallEvent) parsed, now);
      stores.customers().touchThread(call.customer(), call.business(), call.atMillis(), null, now);
      callFollowUp.afterCallEvent(put.call(), now);
      return put.newEvent();
    } catch (StoreRejectedException e) {
      return keepUnstorable(
          "call", e, call.source(), List.of(CustomerKey.of(call.customer())), now);
    }
  }

  /**
   * An entry the table refused as it is (a number beyond its range, maps nested too deep): kept as
   * its JSON text in a raw event, so the rest of the delivery is stored and answered 200, instead
   * of every entry being refused on every retry.
   */
  private boolean keepUnstorable(
      String kind,
      StoreRejectedException refusal,
      Supplier<String> source,
      List<CustomerKey> customers,
      Instant now) {
    String reason = refusal.getMessage() == null ? "refused" : refusal.getMessage();
    return keepRaw(
        new RawEvent(
            "unstorable:" + kind,
            "the table cannot store this entry as an item: "
                + (reason.length() > 300 ? reason.substring(0, 300) : reason),
            source.get(),
            customers),
        now);
  }

  /**
   * The threads an entry kept raw is about, so that erasure finds it (docs/data-model.md 12): its
   * thread, and the BSUID's own thread when it names one besides.
   */
  private static List<CustomerKey> customersOf(InboundMessage message) {
    List<CustomerKey> keys = new ArrayList<>(List.of(message.customer()));
    if (message.userId() != null && !keys.contains(CustomerKey.of(message.userId()))) {
      keys.add(CustomerKey.of(message.userId()));
    }
    return keys;
  }

  private static List<CustomerKey> customersOf(StatusUpdate status) {
    List<CustomerKey> keys = new ArrayList<>();
    if (status.recipient() != null) {
      keys.add(CustomerKey.of(status.recipient()));
    }
    if (status.recipientUserId() != null) {
      keys.add(CustomerKey.of(status.recipientUserId()));
    }
    return keys;
  }

  private boolean keepRaw(RawEvent raw, Instant now) {
    boolean isNew = stores.rawEvents().putRawEvent(raw, now);
    if (isNew) {
      LOG.warn("webhook.raw_event.stored")
          .field("kind", raw.kind())
          .field("reason", raw.reason())
          .write();
    }
    return isNew;
  }

  /** 9.3: resolve the message; apply, or keep the status pending until the message appears. */
  private boolean convergeStatus(
      StatusUpdate status,
      MessageStore.Lookups known,
      Map<UserId, CustomerNumber> paired,
      Instant now) {
    if (status.isPayment() || StatusRanks.of(status.status()).isEmpty()) {
      // No message to find it by: placed by its recipient, a BSUID resolved as a message's is.
      return stores.statuses().putStatus(placed(status, paired, now), Optional.empty(), now);
    }
    if (known == MessageStore.Lookups.NONE) {
      // The message's place follows from the callback id and the recipient: one conditional
      // write applies the status with no lookup read; a miss (another number form, a BSUID-only
      // recipient, an erased message) resolves through the lookups as before.
      Optional<Boolean> direct = applyWhereSent(status, now);
      if (direct.isPresent()) {
        return direct.get();
      }
    }
    Optional<MessageRef> target =
        known == MessageStore.Lookups.NONE ? resolve(status, now) : resolved(status, known);
    if (target.isEmpty()) {
      boolean isNew = stores.statuses().putPendingStatus(status, now);
      target = stores.messages().findByWamid(status.wamid(), now);
      if (target.isEmpty()) {
        LOG.info("webhook.status.pending").field("status", status.status()).write();
        return isNew;
      }
      stores.statuses().deletePendingStatus(status);
    }
    return apply(target.get(), status, now);
  }

  private Optional<Boolean> applyWhereSent(StatusUpdate status, Instant now) {
    Optional<String> messageId =
        callbackMessageId(status).filter(id -> MINTABLE_ULID.matcher(id).matches());
    if (messageId.isEmpty() || status.recipient() == null) {
      return Optional.empty();
    }
    MessageRef where = stores.messages().outboundRef(status.recipient(), messageId.get());
    return statuses.applyIfThere(where, status, now);
  }

  /** Applies a status to a message known to exist. */
  boolean apply(MessageRef target, StatusUpdate status, Instant now) {
    return statuses.apply(target, status, now);
  }

  /** The sender's half of the pending-status protocol; see {@link StatusApplier}. */
  public int applyPending(String wamid, MessageRef target, Instant now) {
    return statuses.applyPending(wamid, target, now);
  }

  /** {@link #resolve} from reads made for the whole batch. */
  private static Optional<MessageRef> resolved(StatusUpdate status, MessageStore.Lookups known) {
    return callbackMessageId(status)
        .map(known.byMessageId()::get)
        .or(() -> Optional.ofNullable(known.byWamid().get(status.wamid())));
  }

  private static Optional<String> callbackMessageId(StatusUpdate status) {
    return status.callbackData().filter(data -> ULID.matcher(data).matches());
  }

  private Optional<MessageRef> resolve(StatusUpdate status, Instant now) {
    Optional<String> messageId = callbackMessageId(status);
    if (messageId.isPresent()) {
      Optional<MessageRef> byId = stores.messages().findByMessageId(messageId.get(), now);
      if (byId.isPresent()) {
        return byId;
      }
    }
    return stores.messages().findByWamid(status.wamid(), now);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
    return type.equals("application/json");
  }

  private static IngestOutcome refuse(IngestOutcome.Why why, String reason) {
    LOG.warn("webhook.refused")
        .field("why", why.name().toLowerCase(Locale.ROOT))
        .field("reason", reason)
        .write();
    return new IngestOutcome.Refused(why, reason);
  }
}
