package dev.frontdoor.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbRateLeases;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbSenderStore;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbStores;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbThreadReader;
import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.UserId;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WhatsAppCallEvents;
import dev.frontdoor.infra.local.LocalAws;
import dev.frontdoor.infra.local.LocalDeployment;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.lifecycle.CustomerErasure;
import dev.frontdoor.lifecycle.EraseCommand;
import dev.frontdoor.lifecycle.ErasureOutcome;
import dev.frontdoor.lifecycle.ErasureReceipt;
import dev.frontdoor.lifecycle.port.out.ErasureStore;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.outbound.send.IdempotencyClaim;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;
import dev.frontdoor.threads.WhatsAppCallEvent;
import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.RawEventStore;
import dev.frontdoor.threads.port.out.StatusStore;
import dev.frontdoor.threads.port.out.ThreadReader;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contracts of the DynamoDB stores (the port interfaces of the capabilities' {@code port.out}
 * and the write patterns of docs/data-model.md section 4), held against one engine per subclass:
 * the real adapters, the real SDK client, template.yaml's table. Each case is about what a caller
 * of the port sees under retries and races, not about item layout, so that the adapters are held to
 * DynamoDB's documented semantics rather than one emulator's.
 *
 * <p>Races start their threads together behind a barrier and are repeated {@link #TRIALS} times
 * ({@code -Dfrontdoor.suite.scale=N} multiplies them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  static final int SCALE = Integer.getInteger("frontdoor.suite.scale", 1);
  static final int TRIALS = 10 * SCALE;
  static final int THREADS = 20;
  static final Duration RETENTION = Duration.ofDays(365);
  static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  static final BusinessNumber BUSINESS =
      new BusinessNumber("106540352242922", "27105550100", "102290129340398");

  /** An engine under test: its endpoint, and how to stop it. */
  record Engine(URI endpoint, AutoCloseable stopper) {}

  /** The engine's name, for the figure. */
  abstract String engineName();

  /** Starts a fresh, empty engine (or skips the class through a JUnit assumption). */
  abstract Engine startEngine();

  @RegisterExtension final Outcomes outcomes = new Outcomes();

  /** Whole milliseconds, as the stores keep them. */
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private final AtomicInteger customers = new AtomicInteger();
  private long startedNanos;
  private Engine engine;
  private SdkHttpClient http;
  private DynamoDbClient dynamoDb;
  private String table;
  private CustomerRefs refs;
  private ErasureStore erasureStore;
  private ExecutorService pool;
  MessageStore messages;
  MessageStore shortLivedMessages;
  StatusStore statusStore;
  CallStore calls;
  RawEventStore rawEvents;
  CustomerStore customerStore;
  IdempotencyStore idempotency;
  SenderStore sender;
  RateLeases leases;
  ThreadReader threads;
  UserIdStore userIds;
  UserIdStore shortLivedUserIds;

  @BeforeAll
  void startEngineAndStores() {
    startedNanos = System.nanoTime();
    try {
      engine = startEngine();
    } catch (org.opentest4j.TestAbortedException e) {
      System.out.printf("FIGURE store contract (%s): skipped: %s%n", engineName(), e.getMessage());
      throw e;
    }
    // The client the functions run with: the contract holds for the stores as deployed.
    http = AwsClients.lambdaHttpClient();
    dynamoDb =
        AwsClients.dynamoDb(LocalAws.environment(engine.endpoint(), engine.endpoint()), http);
    Path template = Path.of(System.getProperty("frontdoor.root", "..")).resolve("template.yaml");
    table = LocalDeployment.createTables(SamTemplate.load(template), dynamoDb).get("Table");
    refs = new CustomerRefs(Secret.of("store-contract-customer-ref-key"));
    DynamoDbStores stores = new DynamoDbStores(dynamoDb, table, refs, RETENTION);
    erasureStore = stores.erasure();
    messages = stores.messages();
    statusStore = stores.statuses();
    calls = stores.calls();
    rawEvents = stores.rawEvents();
    customerStore = stores.customers();
    idempotency = stores.idempotency();
    // Items that expire an hour after their time: expired-but-present, as TTL deletes lazily.
    DynamoDbStores shortLived = new DynamoDbStores(dynamoDb, table, refs, Duration.ofHours(1));
    shortLivedMessages = shortLived.messages();
    userIds = stores.userIds();
    shortLivedUserIds = shortLived.userIds();
    sender = new DynamoDbSenderStore(dynamoDb, table);
    leases = new DynamoDbRateLeases(dynamoDb, table);
    threads = new DynamoDbThreadReader(dynamoDb, table);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
      http.close();
    }
    if (engine != null) {
      engine.stopper().close();
      System.out.printf(
          "FIGURE store contract (%s): %d cases, %d passed, %d failed, %d disabled, %d skipped;"
              + " races %d trials x %d threads; %.1f s%n",
          engineName(),
          outcomes.passed.get() + outcomes.failed.get(),
          outcomes.passed.get(),
          outcomes.failed.get(),
          outcomes.disabled.get(),
          outcomes.skipped.get(),
          TRIALS,
          THREADS,
          (System.nanoTime() - startedNanos) / 1e9);
    }
  }

  // ---- MessageStore, StatusStore, CustomerStore, RawEventStore, CallStore ----

  @Test
  void inboundMessage_retried_storedOnceWithSameRef() {
    CustomerNumber customer = newCustomer();
    InboundMessage first = inboundMessage(customer, wamid(), now.toEpochMilli() - 60_000, "first");
    MessageStore.Put stored = messages.putInboundMessage(first, now);
    // A retry whose body differs must not replace what was stored (insert-once, not upsert).
    MessageStore.Put retried =
        messages.putInboundMessage(
            inboundMessage(customer, first.wamid(), first.atMillis(), "changed"), now);

    assertThat(stored.isNew()).isTrue();
    assertThat(retried.isNew()).isFalse();
    assertThat(retried.ref()).isEqualTo(stored.ref());
    List<Map<String, Object>> items = timeline(customer);
    assertThat(items).singleElement().extracting(item -> item.get("body")).isEqualTo("first");
  }

  @Test
  void inboundMessage_concurrentCopies_exactlyOneNew() {
    for (int trial = 0; trial < TRIALS; trial++) {
      InboundMessage message = inboundMessage(CUSTOMER, wamid(), now.toEpochMilli(), "copy");
      List<MessageStore.Put> puts =
          race(THREADS, i -> () -> messages.putInboundMessage(message, now));

      assertThat(puts.stream().filter(MessageStore.Put::isNew)).as("trial %d", trial).hasSize(1);
      assertThat(puts.stream().map(MessageStore.Put::ref).distinct()).hasSize(1);
    }
  }

  @Test
  void status_putTwice_storedOnce() {
    StatusUpdate status = status(wamid(), "delivered", now.toEpochMilli(), List.of());

    assertThat(statusStore.putStatus(status, Optional.empty(), now)).isTrue();
    assertThat(statusStore.putStatus(status, Optional.empty(), now)).isFalse();
    // Another status of the same message is another delivery.
    assertThat(
            statusStore.putStatus(
                status(status.wamid(), "read", status.atMillis(), List.of()),
                Optional.empty(),
                now))
        .isTrue();
  }

  @Test
  void applyStatus_movesForwardOnly_keepsFirstSeenTimes() {
    String messageId = queuedMessage(CUSTOMER);
    MessageRef ref = messages.findByMessageId(messageId, now).orElseThrow();
    String wamid = wamid();
    long t = now.toEpochMilli();

    StatusStore.StatusApplied sent =
        statusStore.applyStatus(ref, status(wamid, "sent", t + 1, null));
    StatusStore.StatusApplied delivered =
        statusStore.applyStatus(ref, status(wamid, "delivered", t + 2, null));
    StatusStore.StatusApplied read =
        statusStore.applyStatus(ref, status(wamid, "read", t + 3, null));
    // Late and repeated webhooks: never a step back, and first-seen times stay.
    StatusStore.StatusApplied lateDelivered =
        statusStore.applyStatus(ref, status(wamid, "delivered", t + 4, null));
    StatusStore.StatusApplied lateSent =
        statusStore.applyStatus(ref, status(wamid, "sent", t + 5, null));

    assertThat(List.of(sent.advanced(), delivered.advanced(), read.advanced())).containsOnly(true);
    // The message is the status's only record: a repeat is told apart by its first-seen time.
    assertThat(List.of(sent.firstSeen(), delivered.firstSeen(), read.firstSeen()))
        .containsOnly(true);
    assertThat(List.of(lateDelivered.firstSeen(), lateSent.firstSeen())).containsOnly(false);
    assertThat(sent.wamidWasMissing()).isTrue();
    assertThat(read.wamidWasMissing()).isFalse();
    assertThat(lateDelivered.found()).isTrue();
    assertThat(lateDelivered.advanced()).isFalse();
    assertThat(lateSent.advanced()).isFalse();
    Map<String, Object> view = messages.messageView(messageId, now).orElseThrow();
    assertThat(view.get("status")).isEqualTo("read");
    assertThat(view.get("wamid")).isEqualTo(wamid);
    assertThat(history(view))
        .containsEntry("sent", t + 1)
        .containsEntry("delivered", t + 2)
        .containsEntry("read", t + 3);
  }

  @Test
  void outboundRef_isWhereTheSendApiPutTheMessage() {
    String messageId = queuedMessage(CUSTOMER);

    // A status names the message by id; its place needs no lookup read.
    assertThat(messages.outboundRef(CUSTOMER, messageId))
        .isEqualTo(messages.findByMessageId(messageId, now).orElseThrow());
  }

  @Test
  void applyStatus_gone_notFoundAndNothingCreated() {
    CustomerNumber customer = newCustomer();
    MessageRef missing =
        new MessageRef(
            customer, String.format("EV#%013d#MSG#%s", now.toEpochMilli(), UlidCreator.getUlid()));

    StatusStore.StatusApplied applied =
        statusStore.applyStatus(missing, status(wamid(), "read", now.toEpochMilli(), null));

    // An update must not resurrect an erased or expired message (P5).
    assertThat(applied.found()).isFalse();
    assertThat(timeline(customer)).isEmpty();
  }

  @Test
  void applyStatus_concurrentStatuses_convergeOnFurthest() {
    List<String> statuses = List.of("sent", "failed", "delivered", "read");
    for (int trial = 0; trial < TRIALS; trial++) {
      String messageId = queuedMessage(CUSTOMER);
      MessageRef ref = messages.findByMessageId(messageId, now).orElseThrow();
      String wamid = wamid();
      long t = now.toEpochMilli();
      // Every status several times over, each copy with its own time: the first seen must stay.
      List<StatusStore.StatusApplied> applied =
          race(
              THREADS,
              i -> {
                String status = statuses.get(i % statuses.size());
                List<Map<String, Object>> errors =
                    status.equals("failed")
                        ? List.of(Map.of("code", 131026, "title", "Message undeliverable"))
                        : List.of();
                return () -> statusStore.applyStatus(ref, status(wamid, status, t + i, errors));
              });

      Map<String, Object> view = messages.messageView(messageId, now).orElseThrow();
      assertThat(view.get("status")).as("trial %d", trial).isEqualTo("read");
      // The failure is recorded even though delivery was proven (P3 fallback).
      assertThat(view.get("error")).as("trial %d", trial).isNotNull();
      assertThat(history(view)).containsOnlyKeys("queued", "sent", "failed", "delivered", "read");
      // Each status counted new exactly once, whichever copy won.
      assertThat(applied.stream().filter(StatusStore.StatusApplied::firstSeen))
          .as("trial %d", trial)
          .hasSize(statuses.size());
    }
  }

  @Test
  void applyStatus_namingABsuid_keepsItOnTheMessage_soErasureFindsItsLookup() {
    String messageId = queuedMessage(CUSTOMER);
    MessageRef ref = messages.findByMessageId(messageId, now).orElseThrow();
    UserId userId = new UserId("ZA." + ulid().replaceAll("[^0-9A-Z]", ""));
    StatusUpdate plain = status(wamid(), "sent", now.toEpochMilli(), List.of());
    StatusUpdate naming =
        new StatusUpdate(
            plain.wamid(),
            "delivered",
            CUSTOMER,
            BUSINESS,
            plain.atMillis() + 1,
            Optional.empty(),
            Map.of(),
            Map.of(),
            List.of(),
            () -> "{}",
            userId);

    statusStore.applyStatus(ref, plain);
    StatusStore.StatusApplied applied = statusStore.applyStatus(ref, naming);
    // The same delivered again: nothing new to add.
    StatusStore.StatusApplied repeat = statusStore.applyStatus(ref, naming);

    assertThat(applied.firstSeen()).isTrue();
    assertThat(repeat.found()).isTrue();
    assertThat(repeat.firstSeen()).isFalse();
    assertThat(repeat.advanced()).isFalse();
    Map<String, AttributeValue> message =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("CUST#" + CUSTOMER.e164()),
                                "sk",
                                AttributeValue.fromS(ref.sortKey()))))
            .item();
    assertThat(message.get("user_id").s()).isEqualTo(userId.value());
  }

  @Test
  void pendingStatuses_putListOldestFirstDelete() {
    String wamid = wamid();
    long t = now.toEpochMilli();
    StatusUpdate sent = status(wamid, "sent", t + 1_000, null);
    StatusUpdate delivered = status(wamid, "delivered", t + 2_000, null);
    StatusUpdate read = status(wamid, "read", t + 3_000, null);

    assertThat(statusStore.putPendingStatus(read, now)).isTrue();
    assertThat(statusStore.putPendingStatus(sent, now)).isTrue();
    assertThat(statusStore.putPendingStatus(delivered, now)).isTrue();
    assertThat(statusStore.putPendingStatus(sent, now)).isFalse();

    assertThat(statusStore.pendingStatuses(wamid))
        .extracting(StatusUpdate::status)
        .containsExactly("sent", "delivered", "read");
    statusStore.deletePendingStatus(delivered);
    assertThat(statusStore.pendingStatuses(wamid))
        .extracting(StatusUpdate::status, StatusUpdate::atMillis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sent", t + 1_000),
            org.assertj.core.groups.Tuple.tuple("read", t + 3_000));
    assertThat(statusStore.pendingStatuses(wamid())).isEmpty();
  }

  @Test
  void optOut_concurrentOutOfOrderChanges_convergeOnLatest() {
    CustomerNumber customer = newCustomer();
    Random random = new Random(42);
    for (int trial = 0; trial < TRIALS; trial++) {
      // Distinct times, shuffled across the threads; later trials are later in time.
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        times.add(now.toEpochMilli() - 3_600_000 + trial * 100_000L + i * 1_000L);
      }
      Collections.shuffle(times, random);
      List<Boolean> optedOut = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        optedOut.add(random.nextBoolean());
      }
      boolean latest = optedOut.get(times.indexOf(Collections.max(times)));
      race(
          THREADS,
          i ->
              () -> {
                customerStore.recordOptOut(customer, optedOut.get(i), times.get(i), "keyword", now);
                return null;
              });

      assertThat(customerStore.threadState(customer, BUSINESS.phoneNumberId(), now).optedOut())
          .as("trial %d", trial)
          .isEqualTo(latest);
    }
  }

  @Test
  void callPermission_concurrentOutOfOrderAnswers_convergeOnLatest_perBusinessNumber() {
    CustomerNumber customer = newCustomer();
    BusinessNumber other = new BusinessNumber("9" + (100_000 + customers.get()), "", "");
    Random random = new Random(7);
    for (int trial = 0; trial < TRIALS; trial++) {
      // Distinct times, and pairs in the same second told apart by the wamid, shuffled.
      List<CallPermission> answers = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        long at = now.toEpochMilli() - 3_600_000 + trial * 100_000L + (i / 2) * 1_000L;
        boolean accept = random.nextBoolean();
        answers.add(
            new CallPermission(
                BUSINESS.phoneNumberId(),
                accept ? "accept" : "reject",
                accept && random.nextBoolean(),
                accept ? Optional.of(at + 604_800_000L) : Optional.empty(),
                at,
                "wamid.cp-" + trial + "-" + i,
                Optional.of("user_action")));
      }
      Collections.shuffle(answers, random);
      CallPermission latest =
          answers.stream().reduce((a, b) -> b.supersedes(a) ? b : a).orElseThrow();
      race(
          THREADS,
          i ->
              () -> {
                customerStore.recordCallPermission(CustomerKey.of(customer), answers.get(i), now);
                return null;
              });

      assertThat(permissions(customer))
          .as("trial %d", trial)
          .singleElement()
          .isEqualTo(latest.viewAt(now.toEpochMilli()));
    }
    // Another number's answer is its own; each shows, by number.
    customerStore.recordCallPermission(
        CustomerKey.of(customer),
        new CallPermission(
            other.phoneNumberId(),
            "accept",
            true,
            Optional.empty(),
            now.toEpochMilli() - 10_000,
            "wamid.cp-other",
            Optional.empty()),
        now);
    assertThat(permissions(customer))
        .extracting(view -> view.get("business_number_id") + "=" + view.get("status"))
        .contains(other.phoneNumberId() + "=granted")
        .hasSize(2);
  }

  @Test
  void callPermission_statusAsOfTheRead_grantedThenExpired_permanentReplacesTheEnd() {
    CustomerNumber customer = newCustomer();
    long t = now.toEpochMilli();
    customerStore.recordCallPermission(
        CustomerKey.of(customer),
        new CallPermission(
            BUSINESS.phoneNumberId(),
            "accept",
            false,
            Optional.of(t + 60_000),
            t - 1_000,
            "wamid.cp-a",
            Optional.of("user_action")),
        now);
    assertThat(permission(customer, now)).containsEntry("status", "granted");
    assertThat(permission(customer, now.plusSeconds(61)))
        .containsEntry("status", "expired")
        .containsEntry("expires_at", t + 60_000)
        .containsEntry("answered_at", t - 1_000);

    // A later permanent answer has no end: the older answer's end does not linger.
    customerStore.recordCallPermission(
        CustomerKey.of(customer),
        new CallPermission(
            BUSINESS.phoneNumberId(),
            "accept",
            true,
            Optional.empty(),
            t,
            "wamid.cp-b",
            Optional.empty()),
        now);
    assertThat(permission(customer, now.plusSeconds(61)))
        .containsEntry("status", "granted")
        .containsEntry("permanent", true)
        .doesNotContainKey("expires_at");
    // And a rejection is denied, with or without an end.
    customerStore.recordCallPermission(
        CustomerKey.of(customer),
        new CallPermission(
            BUSINESS.phoneNumberId(),
            "reject",
            false,
            Optional.empty(),
            t + 1_000,
            "wamid.cp-c",
            Optional.of("user_action")),
        now);
    assertThat(permission(customer, now)).containsEntry("status", "denied");
    // The send decision reads the same partition query: it still works beside the item.
    assertThat(customerStore.threadState(customer, BUSINESS.phoneNumberId(), now).optedOut())
        .isFalse();
  }

  @Test
  void findByWamid_afterLookup_findsTarget_unlessUnknownOrExpired() {
    MessageRef target =
        messages
            .putInboundMessage(inboundMessage(CUSTOMER, wamid(), now.toEpochMilli(), "t"), now)
            .ref();
    String wamid = wamid();
    // A lookup expires with its target: one whose target's time is past retention is absent.
    String expiredWamid = wamid();
    MessageRef old =
        new MessageRef(
            CUSTOMER,
            String.format(
                "EV#%013d#MSG#%s",
                now.minus(RETENTION).minusSeconds(3_600).toEpochMilli(), UlidCreator.getUlid()));

    assertThat(messages.findByWamid(wamid, now)).isEmpty();
    messages.putWamidLookup(wamid, target, now);
    messages.putWamidLookup(expiredWamid, old, now.minus(RETENTION).minusSeconds(3_600));

    assertThat(messages.findByWamid(wamid, now)).contains(target);
    assertThat(messages.findByWamid(expiredWamid, now)).isEmpty();
  }

  @Test
  void rawEvent_insertOnce() {
    RawEvent event =
        new RawEvent("account_update", "unhandled field", "{\"n\":\"" + wamid() + "\"}");

    assertThat(rawEvents.putRawEvent(event, now)).isTrue();
    assertThat(rawEvents.putRawEvent(event, now.plusSeconds(5))).isFalse();
    assertThat(rawEvents.putRawEvent(new RawEvent("account_update", "x", event.json() + " "), now))
        .isTrue();
  }

  @Test
  void callEvent_concurrentEvents_oneCallPerCallId() {
    int events = THREADS / 2;
    for (int trial = 0; trial < TRIALS; trial++) {
      CustomerNumber customer = newCustomer();
      String callId = "wacid." + UlidCreator.getUlid();
      long t = now.toEpochMilli() - 60_000;
      // Every event of the call twice (a provider retry), all at once; one answers the call.
      IntFunction<WhatsAppCallEvent> event =
          i -> {
            int e = i % events;
            boolean first = e == 0;
            boolean last = e == events - 1;
            return new WhatsAppCallEvent(
                callId,
                customer,
                BUSINESS,
                first ? "connect" : last ? "terminate" : "status",
                first ? null : last ? "COMPLETED" : e == 2 ? "ACCEPTED" : "RINGING",
                "USER_INITIATED",
                t + e * 1_000L,
                Map.of(),
                () -> "{}");
          };
      List<Boolean> stored =
          race(
              THREADS,
              i ->
                  () ->
                      calls
                          .putCallEvent(
                              (CallEvent) WhatsAppCallEvents.toCallEvent(event.apply(i)), now)
                          .newEvent());

      List<Map<String, Object>> items = timeline(customer);
      List<Map<String, Object>> calls = ofEntity(items, "call");
      assertThat(calls).as("trial %d", trial).hasSize(1);
      assertThat(ofEntity(items, "call_event"))
          .hasSize(events)
          .extracting(item -> item.get("call_id"))
          .containsOnly(calls.get(0).get("call_id"));
      assertThat(stored.stream().filter(b -> b)).hasSize(events);
      assertThat(calls.get(0)).containsEntry("answered_at", t + 2_000);
    }
  }

  @Test
  void callEvent_outOfOrderEndings_convergeOnTheSpecificOne_andFindableByEitherId() {
    CustomerNumber customer = newCustomer();
    String sid = "CA" + UlidCreator.getUlid();
    long t = now.toEpochMilli() - 60_000;

    // GIVEN a generic "completed" that overtook the "no-answer" of the same unanswered call
    CallPut completed =
        calls.putCallEvent(twilio(sid, customer, CallState.COMPLETED, t + 30_000), now);
    CallPut noAnswer =
        calls.putCallEvent(twilio(sid, customer, CallState.NO_ANSWER, t + 29_000), now);
    CallPut ringing = calls.putCallEvent(twilio(sid, customer, CallState.RINGING, t), now);
    CallPut again = calls.putCallEvent(twilio(sid, customer, CallState.RINGING, t), now);

    // THEN one call, ended, with the specific outcome; the repeat is not new
    assertThat(completed.newEvent()).isTrue();
    assertThat(noAnswer.call().outcome()).isEqualTo("no_answer");
    assertThat(ringing.call().outcome()).isEqualTo("no_answer");
    assertThat(ringing.call().endedAt()).isEqualTo(t + 30_000);
    assertThat(ringing.call().startedAt()).isEqualTo(t);
    assertThat(again.newEvent()).isFalse();
    String callId = completed.call().callId();
    assertThat(calls.findCall(CallStore.FRONTDOOR, callId, now).orElseThrow().providerCallId())
        .isEqualTo(sid);
    assertThat(calls.findCall("twilio", sid, now).orElseThrow().callId()).isEqualTo(callId);
    assertThat(calls.findCall("twilio", "CA-unknown", now)).isEmpty();
    assertThat(ofEntity(timeline(customer), "call"))
        .singleElement()
        .satisfies(
            call ->
                assertThat(call)
                    .containsEntry("direction", "in")
                    .containsEntry("provider", "twilio"));
  }

  @Test
  void wrapUp_laterFilingWins_andASentSummaryIsNeverReplaced() {
    CustomerNumber customer = newCustomer();
    long t = now.toEpochMilli() - 60_000;
    CallRecord call =
        calls
            .putCallEvent(
                twilio("CA" + UlidCreator.getUlid(), customer, CallState.COMPLETED, t), now)
            .call();

    calls.fileWrapUp(call, Map.of("outcome", "second"), t + 2_000, Map.of());
    CallRecord afterOlder =
        calls.fileWrapUp(call, Map.of("outcome", "first"), t + 1_000, Map.of()).orElseThrow();
    assertThat(afterOlder.wrapUp()).containsEntry("outcome", "second");

    String messageId = UlidCreator.getMonotonicUlid(now.toEpochMilli()).toString();
    Map<String, Object> sent =
        calls.recordSummary(
            call, Map.of("state", "sent", "message_id", messageId, "mode", "free_text"), now);
    Map<String, Object> replaced =
        calls.recordSummary(call, Map.of("state", "not_sent", "reason", "late"), now);
    calls.recordSummary(
        call, Map.of("state", "sent", "message_id", messageId, "mode", "free_text"), now);

    assertThat(sent).containsEntry("state", "sent").containsEntry("message_id", messageId);
    assertThat(replaced).containsEntry("state", "sent");
    assertThat(ofEntity(timeline(customer), "summary"))
        .singleElement()
        .satisfies(
            summary ->
                assertThat(summary)
                    .containsEntry("call_id", call.callId())
                    .containsEntry("message_id", messageId));
  }

  private static CallEvent twilio(String sid, CustomerNumber customer, CallState state, long at) {
    return new CallEvent(
        CallProvider.TWILIO,
        sid,
        state.wireName(),
        customer,
        "+27105550100",
        CallDirection.INBOUND,
        state,
        state.wireName(),
        at,
        -1,
        state.endsCall() ? 0 : null,
        null,
        Map.of(),
        () -> "CallSid=" + sid);
  }

  // ---- IdempotencyStore, MessageStore (outbound) ----

  @Test
  void idempotencyKey_newThenReplayThenConflict() {
    String key = "key-" + UlidCreator.getUlid();
    String first = UlidCreator.getUlid().toString();

    IdempotencyClaim claimed = idempotency.claimIdempotencyKey("crm", key, "hash-a", first, now);
    IdempotencyClaim inProgress =
        idempotency.claimIdempotencyKey("crm", key, "hash-a", ulid(), now.plusSeconds(1));
    idempotency.completeIdempotencyKey("crm", key, SendOutcome.queued(first));
    IdempotencyClaim replay =
        idempotency.claimIdempotencyKey("crm", key, "hash-a", ulid(), now.plusSeconds(2));
    IdempotencyClaim otherRequest =
        idempotency.claimIdempotencyKey("crm", key, "hash-b", ulid(), now.plusSeconds(3));
    IdempotencyClaim otherClient =
        idempotency.claimIdempotencyKey("erp", key, "hash-b", ulid(), now.plusSeconds(3));

    assertThat(claimed.isNew()).isTrue();
    // A retry resumes with the ids chosen at claim time.
    assertThat(inProgress.isNew()).isFalse();
    assertThat(inProgress.messageId()).isEqualTo(first);
    assertThat(inProgress.answer()).isEmpty();
    assertThat(replay.isNew()).isFalse();
    assertThat(replay.answer()).contains(SendOutcome.queued(first));
    // The caller compares hashes to answer 409.
    assertThat(otherRequest.isNew()).isFalse();
    assertThat(otherRequest.requestHash()).isEqualTo("hash-a");
    assertThat(otherClient.isNew()).isTrue();
  }

  @Test
  void idempotencyKey_concurrentClaims_exactlyOneNew() {
    for (int trial = 0; trial < TRIALS; trial++) {
      String key = "key-" + UlidCreator.getUlid();

      assertOneRacingClaimWins(key, "hash", now, "trial " + trial);
    }
  }

  @Test
  void idempotencyKey_expired_takenOverByExactlyOne() {
    for (int trial = 0; trial < TRIALS; trial++) {
      String key = "key-" + UlidCreator.getUlid();
      idempotency.claimIdempotencyKey("crm", key, "hash-old", ulid(), now);

      // A day and more later the record has expired, but TTL may not have removed it yet.
      assertOneRacingClaimWins(key, "hash-new", now.plus(Duration.ofHours(25)), "trial " + trial);
    }
  }

  /**
   * {@code THREADS} claims of {@code key} at once, each for its own message: exactly one is new,
   * and every claim answers with the winner's message.
   */
  private void assertOneRacingClaimWins(String key, String hash, Instant at, String trial) {
    List<String> ids = IntStream.range(0, THREADS).mapToObj(i -> ulid()).toList();
    List<IdempotencyClaim> claims =
        race(THREADS, i -> () -> idempotency.claimIdempotencyKey("crm", key, hash, ids.get(i), at));

    List<IdempotencyClaim> winners = claims.stream().filter(IdempotencyClaim::isNew).toList();
    assertThat(winners).as(trial).hasSize(1);
    assertThat(claims)
        .as(trial)
        .extracting(IdempotencyClaim::messageId)
        .containsOnly(winners.get(0).messageId());
  }

  @Test
  void queuedMessage_insertOnce_viewByMessageId() {
    String messageId = ulid();
    messages.putQueuedMessage(
        messageId, sendRequest(CUSTOMER, "first"), "crm", Optional.of("k-" + messageId), now);
    // A retry with other content must not replace the queued message.
    messages.putQueuedMessage(
        messageId, sendRequest(CUSTOMER, "second"), "crm", Optional.of("k-" + messageId), now);

    Map<String, Object> view = messages.messageView(messageId, now).orElseThrow();
    assertThat(view).containsEntry("message_id", messageId).containsEntry("status", "queued");
    assertThat(history(view)).containsOnlyKeys("queued");
    assertThat(sender.load(messageId, now).orElseThrow().payload().toString()).contains("first");
    assertThat(messages.messageView(ulid(), now)).isEmpty();
  }

  @Test
  void queuedMessage_agent_theRequestsShown_theApiClientsRecordedOnly() {
    CustomerNumber customer = newCustomer();
    String named = ulid();
    String unnamed = ulid();
    SendRequest plain = sendRequest(customer, "hello");
    SendRequest byAgent =
        new SendRequest(
            plain.customer(),
            plain.businessNumberId(),
            plain.type(),
            plain.message(),
            plain.preview(),
            plain.canonicalJson(),
            Optional.of("thandi@example.co.za"),
            Optional.empty());
    messages.putQueuedMessage(named, byAgent, "crm", Optional.empty(), now);
    messages.putQueuedMessage(unnamed, plain, "crm", Optional.empty(), now);

    assertThat(messages.messageView(named, now).orElseThrow())
        .containsEntry("agent", "thandi@example.co.za");
    // Unnamed, the API client (its token's hash) acted: recorded, but not shown.
    assertThat(messages.messageView(unnamed, now).orElseThrow()).doesNotContainKey("agent");
    assertThat(timeline(customer))
        .extracting(item -> item.get("message_id") + "=" + item.get("agent"))
        .containsExactlyInAnyOrder(named + "=thandi@example.co.za", unnamed + "=null");
  }

  @Test
  void queuedMessage_summaryOfACall_namesTheCall_aReplyNamesNone() {
    CustomerNumber customer = newCustomer();
    String summary = ulid();
    String reply = ulid();
    SendRequest plain = sendRequest(customer, "hello");
    messages.putQueuedMessage(
        summary,
        plain.summarizing(Optional.of("01CALL")),
        "frontdoor-summary",
        Optional.empty(),
        now);
    messages.putQueuedMessage(reply, plain, "crm", Optional.empty(), now);

    assertThat(messages.messageView(summary, now).orElseThrow())
        .containsEntry("summary_of_call_id", "01CALL");
    assertThat(messages.messageView(reply, now).orElseThrow())
        .doesNotContainKey("summary_of_call_id");
  }

  // ---- SenderStore ----

  @Test
  void claim_refusedWhileLeaseLive_allowedAfterExpiryOrRelease() {
    MessageRef ref = sender.load(queuedMessage(CUSTOMER), now).orElseThrow().ref();

    assertThat(sender.claim(ref, now, 30_000)).isTrue();
    assertThat(sender.claim(ref, now.plusSeconds(29), 30_000)).isFalse();
    assertThat(sender.claim(ref, now.plusSeconds(31), 30_000)).isTrue();
    sender.release(ref);
    assertThat(sender.claim(ref, now.plusSeconds(32), 30_000)).isTrue();
  }

  @Test
  void claim_concurrent_oneWinner() {
    for (int trial = 0; trial < TRIALS; trial++) {
      String messageId = queuedMessage(CUSTOMER);
      MessageRef ref = sender.load(messageId, now).orElseThrow().ref();
      List<Boolean> claims = race(THREADS, i -> () -> sender.claim(ref, now, 30_000));

      assertThat(claims.stream().filter(b -> b)).as("trial %d", trial).hasSize(1);
      assertThat(sender.load(messageId, now).orElseThrow().attempts()).isEqualTo(1);
    }
  }

  @Test
  void claim_afterAccepted_refused_wamidWrittenOnce() {
    String messageId = queuedMessage(CUSTOMER);
    MessageRef ref = sender.load(messageId, now).orElseThrow().ref();
    String wamid = wamid();

    assertThat(sender.claim(ref, now, 30_000)).isTrue();
    sender.recordAccepted(ref, wamid, now);
    sender.recordAccepted(ref, wamid(), now.plusSeconds(1));

    assertThat(sender.claim(ref, now.plusSeconds(60), 30_000)).isFalse();
    assertThat(sender.load(messageId, now).orElseThrow().wamid()).contains(wamid);
  }

  @Test
  void recordFailed_isFinal() {
    String messageId = queuedMessage(CUSTOMER);
    MessageRef ref = sender.load(messageId, now).orElseThrow().ref();

    assertThat(sender.claim(ref, now, 30_000)).isTrue();
    sender.recordFailed(ref, 131026, "Message undeliverable", now);
    sender.recordUnknown(ref, now.plusSeconds(1));
    sender.recordDeadLettered(ref, "late", now.plusSeconds(2));

    assertThat(sender.claim(ref, now.plusSeconds(60), 30_000)).isFalse();
    assertThat(sender.load(messageId, now).orElseThrow().status()).isEqualTo("failed");
    assertThat(messages.messageView(messageId, now).orElseThrow().get("error")).isNotNull();
  }

  @Test
  void optedOut_followsTheLatestChange_andNotSentIsFinalWithFrontdoorsReason() {
    CustomerNumber customer = newCustomer();
    String messageId = queuedMessage(customer);
    MessageRef ref = sender.load(messageId, now).orElseThrow().ref();
    long t = now.toEpochMilli();

    assertThat(sender.optedOut(customer, now)).isFalse();
    customerStore.recordOptOut(customer, true, t, "keyword", now);
    assertThat(sender.optedOut(customer, now)).isTrue();
    customerStore.recordOptOut(customer, false, t + 1, "keyword", now);
    assertThat(sender.optedOut(customer, now)).isFalse();
    customerStore.recordOptOut(customer, true, t + 2, "keyword", now);

    sender.recordNotSent(ref, "opted_out", "opted out", now);
    sender.recordUnknown(ref, now.plusSeconds(1));

    assertThat(sender.optedOut(customer, now)).isTrue();
    assertThat(sender.claim(ref, now.plusSeconds(60), 30_000)).isFalse();
    assertThat(sender.load(messageId, now).orElseThrow().status()).isEqualTo("failed");
    assertThat(messages.messageView(messageId, now).orElseThrow().get("error"))
        .isEqualTo(Map.of("reason", "opted_out", "title", "opted out", "source", "frontdoor"));
  }

  @Test
  void notSent_neverOverMetasAcceptance() {
    String messageId = queuedMessage(CUSTOMER);
    MessageRef ref = sender.load(messageId, now).orElseThrow().ref();

    assertThat(sender.claim(ref, now, 30_000)).isTrue();
    sender.recordAccepted(ref, wamid(), now);
    sender.recordNotSent(ref, "opted_out", "opted out", now.plusSeconds(1));

    assertThat(sender.load(messageId, now).orElseThrow().status()).isNotEqualTo("failed");
    assertThat(messages.messageView(messageId, now).orElseThrow()).doesNotContainKey("error");
  }

  @Test
  void pace_startThenAdvance_oneWinnerEachRace() {
    MessageRef ref = sender.load(queuedMessage(CUSTOMER), now).orElseThrow().ref();
    long t = now.toEpochMilli();
    long interval = 6_000;
    for (int trial = 0; trial < TRIALS; trial++) {
      String number = "pace-" + UlidCreator.getUlid();
      List<OptionalLong> starts =
          race(THREADS, i -> () -> sender.startPace(ref, number, t, t + interval));
      List<Boolean> advances =
          race(THREADS, i -> () -> sender.advancePace(ref, number, t + interval, t + 2 * interval));

      assertThat(starts.stream().filter(OptionalLong::isEmpty)).as("trial %d", trial).hasSize(1);
      assertThat(starts.stream().filter(OptionalLong::isPresent).map(OptionalLong::getAsLong))
          .containsOnly(t + interval);
      assertThat(advances.stream().filter(b -> b)).hasSize(1);
      assertThat(sender.startPace(ref, number, t, t + interval)).hasValue(t + 2 * interval);
    }
  }

  // ---- RateLeases ----

  @Test
  void reserve_concurrent_noOverlap_neverOverTheLimit() {
    int limit = 80;
    int count = 4;
    long interval = (long) Math.ceil(1_010_000.0 / (limit - 1));
    // A one-second horizon keeps each trial to about 20 blocks (the limiter books up to 8 s ahead).
    long horizon = 1_000_000;
    long span = count * interval;
    long t = now.toEpochMilli() * 1000;
    int booked = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      String number = "rate-" + UlidCreator.getUlid();
      // Each thread reserves until the schedule is booked past the horizon, at one instant.
      List<List<Long>> perThread =
          race(
              THREADS,
              i ->
                  () -> {
                    List<Long> firsts = new ArrayList<>();
                    for (int calls = 0; calls < 50; calls++) {
                      long first = leases.reserve(number, count, interval, t, horizon);
                      if (first == ThroughputLimiter.BOOKED) {
                        firsts.add(first);
                        break;
                      }
                      if (first >= 0) {
                        firsts.add(first);
                      }
                    }
                    return firsts;
                  });

      List<Long> firsts = new ArrayList<>();
      perThread.forEach(firsts::addAll);
      booked += (int) firsts.stream().filter(f -> f == ThroughputLimiter.BOOKED).count();
      firsts.removeIf(f -> f == ThroughputLimiter.BOOKED);
      Collections.sort(firsts);
      assertThat(firsts).as("trial %d", trial).isNotEmpty();
      assertThat(firsts.get(0)).isEqualTo(t);
      for (int i = 1; i < firsts.size(); i++) {
        assertThat(firsts.get(i) - firsts.get(i - 1))
            .as("block %d after its neighbour", i)
            .isGreaterThanOrEqualTo(span);
      }
      assertThat(firsts.get(firsts.size() - 1)).isLessThan(t + horizon);
      List<Long> slots = new ArrayList<>();
      firsts.forEach(f -> IntStream.range(0, count).forEach(k -> slots.add(f + k * interval)));
      assertThat(maxInAnySecond(slots)).isLessThanOrEqualTo(limit);
    }
    // Every thread ran the schedule out to the horizon.
    assertThat(booked).isEqualTo(TRIALS * THREADS);
  }

  @Test
  void pause_simultaneousRefusals_appliedOnce() {
    long t = now.toEpochMilli() * 1000;
    long pause = 1_000_000;
    long interval = 12_500;
    for (int trial = 0; trial < TRIALS; trial++) {
      // A busy schedule: the next free time moves one pause later, not one per refusal.
      String busy = "rate-" + UlidCreator.getUlid();
      assertThat(leases.reserve(busy, 4, interval, t, 5_000_000)).isEqualTo(t);
      race(
          THREADS,
          i ->
              () -> {
                leases.pause(busy, t + 1, pause);
                return null;
              });
      assertThat(leases.reserve(busy, 4, interval, t + 2, 5_000_000))
          .as("trial %d", trial)
          .isEqualTo(t + 4 * interval + pause);
      // An idle schedule restarts a pause from now, once.
      String idle = "rate-" + UlidCreator.getUlid();
      race(
          THREADS,
          i ->
              () -> {
                leases.pause(idle, t, pause);
                return null;
              });
      assertThat(leases.reserve(idle, 4, interval, t + 1, 5_000_000)).isEqualTo(t + pause);
    }
  }

  @Test
  void reserve_instanceWithAStaleView_triesARestart_yetNeverOverlapsAnotherInstance() {
    long t = now.toEpochMilli() * 1000;
    long interval = 12_500;
    String number = "rate-" + UlidCreator.getUlid();
    RateLeases first = new DynamoDbRateLeases(dynamoDb, table);
    RateLeases second = new DynamoDbRateLeases(dynamoDb, table);
    // GIVEN the first instance saw the schedule end at t + 4 intervals, long past by t2
    assertThat(first.reserve(number, 4, interval, t, 5_000_000)).isEqualTo(t);
    long t2 = t + 10_000_000;
    // WHEN the second restarts the idle schedule at t2, and the first asks just after
    assertThat(second.reserve(number, 4, interval, t2, 5_000_000)).isEqualTo(t2);
    long afterStaleView = first.reserve(number, 4, interval, t2 + 1, 5_000_000);
    // THEN the first's restart fails its condition and it takes the times after the second's
    assertThat(afterStaleView).isEqualTo(t2 + 4 * interval);
    // AND an idle schedule the first last saw end is restarted at once
    long t3 = t2 + 10_000_000;
    assertThat(first.reserve(number, 4, interval, t3, 5_000_000)).isEqualTo(t3);
    assertThat(second.reserve(number, 4, interval, t3 + 1, 5_000_000)).isEqualTo(t3 + 4 * interval);
  }

  // ---- ThreadReader / customer state ----

  @Test
  void threadRead_timeOrder_pagingBothWays_expiredLeftOut() {
    CustomerNumber customer = newCustomer();
    long t = now.toEpochMilli() - 3 * 3_600_000;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      InboundMessage message = inboundMessage(customer, wamid(), t + i * 1_000L, "m" + i);
      messages.putInboundMessage(message, now);
      expected.add(itemKey("message", message.atMillis(), message.wamid()));
      StatusUpdate status = status(wamid(), "sent", t + i * 1_000L + 500, null);
      statusStore.putStatus(status, Optional.of(new MessageRef(customer, "EV#x")), now);
      expected.add(itemKey("status", status.atMillis(), status.wamid()));
    }
    // Expired but not yet deleted (TTL is lazy), a run longer than a page in mid-timeline: by
    // their time and by their receipt, both over an hour ago.
    Instant received = now.minus(Duration.ofHours(2));
    for (int i = 0; i < 4; i++) {
      shortLivedMessages.putInboundMessage(
          inboundMessage(customer, wamid(), t + 3_200 + i, "expired"), received);
    }
    // Items outside the timeline sort after it in the partition; none may show up as items.
    customerStore.recordOptOut(customer, true, t, "keyword", now);
    customerStore.touchThread(customer, BUSINESS, t, null, now);

    // Backwards from the latest page, then forwards from the oldest page, by the pages' cursors.
    List<String> backwards = new ArrayList<>();
    ThreadView page =
        threads.read(new ThreadQuery(customer, Optional.empty(), Optional.empty(), 3), now);
    assertThat(page.thread()).containsEntry("opted_out", true);
    // DynamoDB may answer a last evaluated key when a page ends exactly at the last item, so the
    // oldest page can be empty: forwards starts from the oldest page with items.
    ThreadView oldest = page;
    for (int pages = 0; pages < 20; pages++) {
      assertThat(ats(page)).as("each page in time order").isSorted();
      backwards.addAll(0, itemKeys(page));
      oldest = page.items().isEmpty() ? oldest : page;
      if (page.before().isEmpty()) {
        break;
      }
      page = threads.read(new ThreadQuery(customer, page.before(), Optional.empty(), 3), now);
    }
    page = oldest;
    List<String> forwards = new ArrayList<>(itemKeys(page));
    for (int pages = 0; pages < 20 && page.after().isPresent(); pages++) {
      page = threads.read(new ThreadQuery(customer, Optional.empty(), page.after(), 3), now);
      assertThat(ats(page)).isSorted();
      forwards.addAll(itemKeys(page));
    }

    assertThat(backwards).isEqualTo(expected);
    assertThat(forwards).isEqualTo(expected);
  }

  @Test
  void customerState_windowsFromUnexpiredInboundOnly() {
    CustomerNumber customer = newCustomer();
    long t = now.toEpochMilli();
    BusinessNumber other = new BusinessNumber("pnid-" + UlidCreator.getUlid(), "", "");
    BusinessNumber expired = new BusinessNumber("pnid-" + UlidCreator.getUlid(), "", "");
    messages.putInboundMessage(
        inboundMessage(customer, wamid(), t - 7_200_000, "a", BUSINESS), now);
    messages.putInboundMessage(
        inboundMessage(customer, wamid(), t - 3_600_000, "b", BUSINESS), now);
    messages.putInboundMessage(inboundMessage(customer, wamid(), t - 1_800_000, "c", other), now);
    // Within the day, but past its expiry (by its time and by its receipt): it opens no window.
    shortLivedMessages.putInboundMessage(
        inboundMessage(customer, wamid(), t - 5_400_000, "d", expired),
        now.minus(Duration.ofHours(2)));
    // Older than a day: no window either.
    messages.putInboundMessage(
        inboundMessage(customer, wamid(), t - 90_000_000, "e", expired), now);
    messages.putQueuedMessage(ulid(), sendRequest(customer, "out"), "crm", Optional.empty(), now);

    Map<String, Long> windows =
        customerStore.threadState(customer, expired.phoneNumberId(), now).windowClosesAt();
    ThreadView view =
        threads.read(new ThreadQuery(customer, Optional.empty(), Optional.empty(), 50), now);

    long day = Duration.ofHours(24).toMillis();
    assertThat(windows)
        .containsEntry(BUSINESS.phoneNumberId(), t - 3_600_000 + day)
        .containsEntry(other.phoneNumberId(), t - 1_800_000 + day)
        .doesNotContainKey(expired.phoneNumberId());
    assertThat(view.windows())
        .extracting(ThreadView.Window::businessNumberId)
        .containsExactlyInAnyOrder(BUSINESS.phoneNumberId(), other.phoneNumberId());
    assertThat(view.items()).extracting(item -> item.get("body")).doesNotContain("d");
  }

  // ---- helpers ----

  /** Runs {@code n} tasks on {@code n} threads released together; their results in order. */
  <T> List<T> race(int n, IntFunction<Callable<T>> task) {
    assertThat(n).isLessThanOrEqualTo(THREADS);
    CyclicBarrier gate = new CyclicBarrier(n);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Callable<T> work = task.apply(i);
      futures.add(
          pool.submit(
              () -> {
                gate.await(30, TimeUnit.SECONDS);
                return work.call();
              }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      try {
        results.add(future.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError("a racing call failed", e);
      }
    }
    return results;
  }

  /** A customer of its own, for cases that read a whole partition. */
  // ---- UserIdStore, and threads keyed by a business-scoped user id (data-model 6.2, 5) ----

  @Test
  void userId_pairedOnce_foundConsistently_anotherNumberNeverRepoints() {
    UserId userId = newUserId();
    CustomerNumber customer = newCustomer();
    assertThat(userIds.findCustomer(userId, now)).isEmpty();

    assertThat(userIds.putUserId(userId, customer, now)).isTrue();
    assertThat(userIds.findCustomer(userId, now)).contains(customer);
    // A fresh pair is not rewritten; a different number does not take the BSUID over.
    assertThat(userIds.putUserId(userId, customer, now)).isFalse();
    assertThat(userIds.putUserId(userId, newCustomer(), now)).isFalse();
    assertThat(userIds.findCustomer(userId, now)).contains(customer);
  }

  @Test
  void userId_expiredLookup_isAbsent_andReplaced() {
    UserId userId = newUserId();
    CustomerNumber old = newCustomer();
    // Written two hours ago with a one-hour life: expired, still present (TTL deletes lazily).
    shortLivedUserIds.putUserId(userId, old, now.minus(Duration.ofHours(2)));
    assertThat(userIds.findCustomer(userId, now)).isEmpty();

    CustomerNumber current = newCustomer();
    assertThat(userIds.putUserId(userId, current, now)).isTrue();
    assertThat(userIds.findCustomer(userId, now)).contains(current);
  }

  @Test
  void userId_agedPairOfTheSameNumber_isRefreshed() {
    UserId userId = newUserId();
    CustomerNumber customer = newCustomer();
    // A one-hour lookup written 20 minutes ago is past a quarter of its life: rewritten.
    shortLivedUserIds.putUserId(userId, customer, now.minus(Duration.ofMinutes(20)));
    assertThat(shortLivedUserIds.putUserId(userId, customer, now)).isTrue();
    assertThat(shortLivedUserIds.putUserId(userId, customer, now)).isFalse();
    assertThat(shortLivedUserIds.findCustomer(userId, now.plus(Duration.ofMinutes(50))))
        .contains(customer);
  }

  @Test
  void userId_concurrentFirstPairs_exactlyOneWrites() {
    for (int trial = 0; trial < TRIALS; trial++) {
      UserId userId = newUserId();
      CustomerNumber customer = newCustomer();
      List<Boolean> written = race(THREADS, i -> () -> userIds.putUserId(userId, customer, now));
      assertThat(written).containsOnlyOnce(true);
      assertThat(userIds.findCustomer(userId, now)).contains(customer);
    }
  }

  @Test
  void bsuidOnlyMessages_storedOnceInTheirOwnThread_readAndPagedByIt() {
    UserId userId = newUserId();
    CustomerKey thread = CustomerKey.of(userId);
    long t = now.toEpochMilli() - 60_000;
    InboundMessage first = bsuidOnlyMessage(userId, wamid(), t, "first");
    MessageStore.Put stored = messages.putInboundMessage(first, now);
    MessageStore.Put retried =
        messages.putInboundMessage(bsuidOnlyMessage(userId, first.wamid(), t, "changed"), now);
    messages.putInboundMessage(bsuidOnlyMessage(userId, wamid(), t + 1, "second"), now);
    messages.putInboundMessage(bsuidOnlyMessage(userId, wamid(), t + 2, "third"), now);
    customerStore.recordOptOut(thread, true, t + 3, "keyword", now);
    assertThat(customerStore.optOutChange(thread, now))
        .contains(new CustomerStore.OptOutChange(true, t + 3, "keyword"));
    assertThat(customerStore.optOutChange(CustomerKey.of(newCustomer()), now)).isEmpty();

    assertThat(stored.isNew()).isTrue();
    assertThat(retried.isNew()).isFalse();
    assertThat(stored.thread()).isEqualTo(thread);
    ThreadView page =
        threads.read(new ThreadQuery(thread, Optional.empty(), Optional.empty(), 2), now);
    assertThat(page.customer()).isEqualTo("~" + userId.value());
    assertThat(page.items())
        .extracting(item -> item.get("body"))
        .containsExactly("second", "third");
    assertThat(page.items())
        .allSatisfy(
            item ->
                assertThat(item)
                    .containsEntry("user_id", userId.value())
                    .containsEntry("username", "@contract"));
    assertThat(page.thread()).containsEntry("opted_out", true);
    assertThat(page.windows())
        .singleElement()
        .satisfies(
            window -> assertThat(window.businessNumberId()).isEqualTo(BUSINESS.phoneNumberId()));
    ThreadView older =
        threads.read(new ThreadQuery(thread, page.before(), Optional.empty(), 2), now);
    assertThat(older.items()).extracting(item -> item.get("body")).containsExactly("first");
  }

  UserId newUserId() {
    return new UserId(
        "ZA.9"
            + UlidCreator.getUlid().toString().replaceAll("[^0-9]", "")
            + customers.incrementAndGet());
  }

  static InboundMessage bsuidOnlyMessage(UserId userId, String wamid, long atMillis, String body) {
    return new InboundMessage(
        wamid,
        CustomerKey.of(userId),
        BUSINESS,
        atMillis,
        "text",
        "text",
        body,
        false,
        Map.of(),
        null,
        false,
        "Contract Customer",
        () -> "{}",
        userId,
        "@contract");
  }

  CustomerNumber newCustomer() {
    return new CustomerNumber(String.format("+2782%07d", 1_000_000 + customers.incrementAndGet()));
  }

  static String wamid() {
    return "wamid.contract-" + UlidCreator.getUlid();
  }

  static String ulid() {
    return UlidCreator.getMonotonicUlid().toString();
  }

  static InboundMessage inboundMessage(
      CustomerNumber customer, String wamid, long atMillis, String body) {
    return inboundMessage(customer, wamid, atMillis, body, BUSINESS);
  }

  static InboundMessage inboundMessage(
      CustomerNumber customer, String wamid, long atMillis, String body, BusinessNumber business) {
    return new InboundMessage(
        wamid,
        customer,
        business,
        atMillis,
        "text",
        "text",
        body,
        false,
        Map.of(),
        null,
        false,
        "Contract Customer",
        () -> "{}");
  }

  static StatusUpdate status(
      String wamid, String status, long atMillis, List<Map<String, Object>> errors) {
    return new StatusUpdate(
        wamid,
        status,
        CUSTOMER,
        BUSINESS,
        atMillis,
        Optional.empty(),
        Map.of("category", "service", "pricing_model", "PMP"),
        Map.of(),
        errors,
        () -> "{}");
  }

  static SendRequest sendRequest(CustomerNumber customer, String text) {
    Map<String, Object> message = Map.of("type", "text", "text", Map.of("body", text));
    return new SendRequest(
        customer, BUSINESS.phoneNumberId(), "text", message, text, message.toString());
  }

  /** A message the send API queued: its Frontdoor id. */
  String queuedMessage(CustomerNumber customer) {
    String messageId = ulid();
    messages.putQueuedMessage(
        messageId, sendRequest(customer, "hello"), "crm", Optional.empty(), now);
    return messageId;
  }

  /** Every timeline item of a customer, oldest first. */
  List<Map<String, Object>> timeline(CustomerNumber customer) {
    return threads
        .read(
            new ThreadQuery(customer, Optional.empty(), Optional.empty(), ThreadQuery.MAX_LIMIT),
            now)
        .items();
  }

  /** The thread's call permissions as a read at {@code at} shows them (none: empty). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> permissions(CustomerNumber customer, Instant at) {
    Object shown =
        threads
            .read(new ThreadQuery(customer, Optional.empty(), Optional.empty(), 1), at)
            .thread()
            .get("call_permissions");
    return shown == null ? List.of() : (List<Map<String, Object>>) shown;
  }

  List<Map<String, Object>> permissions(CustomerNumber customer) {
    return permissions(customer, now);
  }

  Map<String, Object> permission(CustomerNumber customer, Instant at) {
    assertThat(permissions(customer, at)).hasSize(1);
    return permissions(customer, at).get(0);
  }

  static List<Map<String, Object>> ofEntity(List<Map<String, Object>> items, String entity) {
    return items.stream().filter(item -> entity.equals(item.get("entity"))).toList();
  }

  /** What identifies a timeline item in an answer: its kind, time and wamid (not its key). */
  static String itemKey(String entity, long at, String wamid) {
    return entity + " " + at + " " + wamid;
  }

  static List<String> itemKeys(ThreadView page) {
    return page.items().stream()
        .map(
            item ->
                itemKey(
                    (String) item.get("entity"),
                    ((Number) item.get("at")).longValue(),
                    (String) item.get("wamid")))
        .toList();
  }

  static List<Long> ats(ThreadView page) {
    return page.items().stream().map(item -> ((Number) item.get("at")).longValue()).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Long> history(Map<String, Object> view) {
    Map<String, Long> times = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) view.get("status_history"))
        .forEach((status, at) -> times.put(status, ((Number) at).longValue()));
    return times;
  }

  static int maxInAnySecond(List<Long> slotsMicros) {
    List<Long> sorted = new ArrayList<>(slotsMicros);
    Collections.sort(sorted);
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= 1_000_000) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /** Counts outcomes for the figure line. */
  static final class Outcomes implements TestWatcher {
    final AtomicInteger passed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger disabled = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();

    @Override
    public void testSuccessful(ExtensionContext context) {
      passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      failed.incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
      skipped.incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
      disabled.incrementAndGet();
    }
  }

  // ---- ErasureStore, and erasure over the real stores (data-model 12) ----

  CustomerErasure erasure() {
    return new CustomerErasure(
        erasureStore, userIds, refs, "ZA", java.time.Clock.systemUTC(), Duration.ofMillis(50));
  }

  @Test
  void erasure_removesEveryItemAndLookupOfTheCustomer_tombstoneHashed_secondRunZero() {
    CustomerNumber customer = newCustomer();
    CustomerNumber other = newCustomer();
    UserId userId = newUserId();
    long t = now.toEpochMilli();
    // A message under the BSUID alone, before the number was known: the ~<bsuid> thread.
    messages.putInboundMessage(bsuidOnlyMessage(userId, wamid(), t - 90_000, "early"), now);
    // More than one BatchWriteItem's worth, one of them pairing the BSUID with the number.
    for (int i = 0; i < 30; i++) {
      messages.putInboundMessage(inboundMessage(customer, wamid(), t - 60_000 + i, "m" + i), now);
    }
    messages.putInboundMessage(
        new InboundMessage(
            wamid(),
            CustomerKey.of(customer),
            BUSINESS,
            t - 1_000,
            "text",
            "text",
            "paired",
            false,
            Map.of(),
            null,
            false,
            "Contract Customer",
            () -> "{}",
            userId,
            "@contract"),
        now);
    userIds.putUserId(userId, customer, now);
    String messageId = ulid();
    messages.putQueuedMessage(
        messageId, sendRequest(customer, "out"), "crm", Optional.of("key-" + messageId), now);
    MessageRef outbound = messages.findByMessageId(messageId, now).orElseThrow();
    String wamid = wamid();
    // As the sender records an acceptance: the wamid and its lookup listed on the message first.
    assertThat(sender.claim(outbound, now, 30_000)).isTrue();
    sender.recordAccepted(outbound, wamid, now);
    messages.putWamidLookup(wamid, outbound, now);
    sender.startPace(outbound, BUSINESS.phoneNumberId(), t, t + 6_000);
    StatusUpdate delivered =
        new StatusUpdate(
            wamid,
            "delivered",
            customer,
            BUSINESS,
            t,
            Optional.empty(),
            Map.of(),
            Map.of(),
            List.of(),
            () -> "{}",
            userId);
    statusStore.putStatus(delivered, Optional.of(outbound), now);
    statusStore.putPendingStatus(
        new StatusUpdate(
            "wamid.pending-" + ulid(),
            "read",
            customer,
            BUSINESS,
            t,
            Optional.empty(),
            Map.of(),
            Map.of(),
            List.of(),
            () -> "{}"),
        now);
    calls.putCallEvent(twilio("CA" + ulid(), customer, CallState.COMPLETED, t), now);
    customerStore.recordOptOut(customer, true, t, "keyword", now);
    rawEvents.putRawEvent(
        new RawEvent(
            "unstorable:message",
            "contract",
            "{\"from\":\"" + customer.waId() + "\"}",
            List.of(CustomerKey.of(customer), CustomerKey.of(userId))),
        now);
    // Another customer's items stay.
    messages.putInboundMessage(inboundMessage(other, wamid(), t, "other"), now);
    rawEvents.putRawEvent(
        new RawEvent(
            "unstorable:message",
            "contract",
            "{\"from\":\"" + other.waId() + "\"}",
            List.of(CustomerKey.of(other))),
        now);
    String ref = refs.of(customer);
    assertThat(itemsMentioning(customer, userId)).isNotEmpty();

    ErasureOutcome outcome = erasure().erase(new EraseCommand("contract", customer.waId()));

    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.ERASED);
    ErasureReceipt receipt = outcome.receipt().orElseThrow();
    assertThat(receipt.customerRef()).isEqualTo(ref);
    assertThat(receipt.removed())
        .containsEntry("message", 33L)
        .containsEntry("status", 1L)
        .containsEntry("call", 1L)
        .containsEntry("optout", 1L)
        .containsEntry("raw_event", 1L)
        .containsEntry("pacing", 1L)
        .containsKey("lookup")
        .containsKey("call_event");
    // The pending status lives under a wamid no item of the customer lists (it was never
    // resolved): it holds no number, only the pseudonym, and expires after 30 days (6.1).
    assertThat(itemsMentioning(customer, userId))
        .allSatisfy(item -> assertThat(item.get("entity").s()).isIn("tombstone", "pending_status"));
    Map<String, AttributeValue> tombstone =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("ERASED#" + ref),
                                "sk", AttributeValue.fromS("TOMBSTONE")))
                        .consistentRead(true))
            .item();
    assertThat(tombstone.get("entity").s()).isEqualTo("tombstone");
    assertThat(tombstone.get("state").s()).isEqualTo("completed");
    long erasedAt = Long.parseLong(tombstone.get("erased_at").n());
    assertThat(Long.parseLong(tombstone.get("expires_at").n()))
        .isEqualTo(erasedAt / 1000 + RETENTION.getSeconds() + Duration.ofDays(400).getSeconds());
    assertThat(timeline(other)).hasSize(1);
    assertThat(itemsMentioning(other, null)).hasSizeGreaterThanOrEqualTo(3);

    ErasureOutcome again = erasure().erase(new EraseCommand("contract", customer.e164()));
    assertThat(again.reason()).isEqualTo(ErasureOutcome.Reason.NOTHING_TO_ERASE);
    assertThat(again.receipt().orElseThrow().total()).isZero();
  }

  /**
   * Messages written while the erasure runs (each a MSG item, then its MSG# lookup, as the send API
   * writes them) are erased whole or kept whole: never a message without its lookup, or a lookup
   * without its message.
   */
  @Test
  void erasure_whileMessagesArrive_eachIsErasedOrKeptWhole() throws Exception {
    for (int trial = 0; trial < Math.max(2, TRIALS / 5); trial++) {
      CustomerNumber customer = newCustomer();
      for (int i = 0; i < 10; i++) {
        queuedMessage(customer);
      }
      List<String> written = Collections.synchronizedList(new ArrayList<>());
      CyclicBarrier gate = new CyclicBarrier(2);
      Future<?> writer =
          pool.submit(
              () -> {
                gate.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < 40; i++) {
                  String id = ulid();
                  messages.putQueuedMessage(
                      id, sendRequest(customer, "w" + i), "crm", Optional.empty(), now);
                  written.add(id);
                  Thread.sleep(3);
                }
                return null;
              });
      gate.await(30, TimeUnit.SECONDS);
      ErasureOutcome outcome = erasure().erase(new EraseCommand("contract", customer.e164()));
      writer.get(60, TimeUnit.SECONDS);

      assertThat(outcome.reason())
          .isIn(ErasureOutcome.Reason.ERASED, ErasureOutcome.Reason.INCOMPLETE);
      java.util.Set<String> inThread = new java.util.HashSet<>();
      for (Map<String, AttributeValue> item :
          dynamoDb
              .query(
                  r ->
                      r.tableName(table)
                          .keyConditionExpression("pk = :pk")
                          .expressionAttributeValues(
                              Map.of(":pk", AttributeValue.fromS("CUST#" + customer.e164())))
                          .consistentRead(true))
              .items()) {
        if (item.containsKey("message_id")) {
          inThread.add(item.get("message_id").s());
        }
      }
      for (String id : written) {
        boolean lookup =
            !dynamoDb
                .getItem(
                    r ->
                        r.tableName(table)
                            .key(
                                Map.of(
                                    "pk", AttributeValue.fromS("MSG#" + id),
                                    "sk", AttributeValue.fromS("MSG")))
                            .consistentRead(true))
                .item()
                .isEmpty();
        assertThat(lookup)
            .as("trial %d, message %s: lookup iff message", trial, id)
            .isEqualTo(inThread.contains(id));
      }
      // Once the writer has stopped, a repeated request leaves nothing.
      erasure().erase(new EraseCommand("contract", customer.e164()));
      assertThat(itemsMentioning(customer, null))
          .allSatisfy(item -> assertThat(item.get("entity").s()).isEqualTo("tombstone"));
    }
  }

  /** Every item of the table whose keys or attributes name the customer, their BSUID or ref. */
  List<Map<String, AttributeValue>> itemsMentioning(CustomerNumber customer, UserId userId) {
    List<String> needles = new ArrayList<>(List.of(customer.waId(), refs.of(customer)));
    if (userId != null) {
      needles.add(userId.value());
      needles.add(refs.of(CustomerKey.of(userId)));
    }
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    dynamoDb
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(
            item -> {
              String text = item.toString();
              if (needles.stream().anyMatch(text::contains)) {
                found.add(item);
              }
            });
    return found;
  }
}
