package dev.frontdoor.functions;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbRateLeases;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbSenderStore;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbStores;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbThreadReader;
import dev.frontdoor.adapter.out.graph.HttpGraphApi;
import dev.frontdoor.adapter.out.sqs.SqsDeadLetters;
import dev.frontdoor.adapter.out.sqs.SqsOutboundQueue;
import dev.frontdoor.adapter.out.sqs.SqsRetryDelays;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.inbound.IngestStores;
import dev.frontdoor.inbound.OptOutKeywords;
import dev.frontdoor.outbound.delivery.OutboundBatchDelivery;
import dev.frontdoor.outbound.delivery.QueuedMessageSender;
import dev.frontdoor.outbound.delivery.SenderSettings;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.port.in.DeliverOutboundBatch;
import dev.frontdoor.outbound.delivery.port.out.DeadLetters;
import dev.frontdoor.outbound.delivery.port.out.GraphApi;
import dev.frontdoor.outbound.delivery.port.out.RetryDelays;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.outbound.port.out.OutboundQueue;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import dev.frontdoor.threads.StatusApplier;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.ThreadReader;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the real adapters of one execution environment from its configuration, once, in the
 * handler's constructor (so SnapStart snapshots them and no request pays for them).
 */
final class Wiring {
  private final GatewayConfig config;
  private final Environment env;
  private DynamoDbClient dynamoDb;
  private SqsClient sqs;
  private DynamoDbStores stores;

  Wiring(Environment env) {
    this.env = env;
    this.config = GatewayConfig.from(env);
  }

  GatewayConfig config() {
    return config;
  }

  /** The item-family stores, once per execution environment, however many use cases share them. */
  /** What ingest writes: the stores of its item families. */
  IngestStores ingestStores() {
    return stores().ingest();
  }

  IdempotencyStore idempotencyStore() {
    return stores().idempotency();
  }

  CustomerStore customerStore() {
    return stores().customers();
  }

  MessageStore messageStore() {
    return stores().messages();
  }

  /** The item-family stores of the table, one set per execution environment. */
  private DynamoDbStores stores() {
    if (stores == null) {
      stores =
          new DynamoDbStores(
              dynamoDb(),
              config.requireTableName(),
              customerRefs(),
              Duration.ofDays(config.retentionDays()));
    }
    return stores;
  }

  OutboundQueue outboundQueue() {
    return new SqsOutboundQueue(
        sqs(),
        config
            .outboundQueueUrl()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "OUTBOUND_QUEUE_URL", "is required by this function but not set")));
  }

  /** {@code OPT_OUT_KEYWORDS} / {@code OPT_IN_KEYWORDS}, comma-separated; defaults otherwise. */
  OptOutKeywords optOutKeywords() {
    OptOutKeywords defaults = OptOutKeywords.DEFAULT;
    return new OptOutKeywords(
        env.get(EnvVar.OPT_OUT_KEYWORDS)
            .map(list -> OptOutKeywords.of(list, "").optOut())
            .orElse(defaults.optOut()),
        env.get(EnvVar.OPT_IN_KEYWORDS)
            .map(list -> OptOutKeywords.of("", list).optIn())
            .orElse(defaults.optIn()));
  }

  /** Blocks of send times per table call (docs/data-model.md 8.1; bin/gateway bench limiter). */
  ThroughputLimiter throughputLimiter() {
    return new ThroughputLimiter(
        new DynamoDbRateLeases(dynamoDb(), config.requireTableName()),
        java.time.Clock.systemUTC(),
        config.waThroughputMps(),
        ThroughputLimiter.DEFAULT_BLOCK);
  }

  /** The sender's leases, retries and pair rate (README: configuration). */
  SenderSettings senderSettings() {
    int graphTimeout = positiveInt(EnvVar.GRAPH_API_TIMEOUT_MS, 10_000);
    int lease = positiveInt(EnvVar.SEND_LEASE_SECONDS, 60);
    if (1000L * lease < graphTimeout + 5_000L) {
      throw new ConfigException(
          EnvVar.SEND_LEASE_SECONDS, "must exceed GRAPH_API_TIMEOUT_MS by at least 5 seconds");
    }
    return SenderSettings.defaults()
        .withLease(1000L * lease, graphTimeout)
        .withUnknownGrace(1000L * positiveInt(EnvVar.SEND_UNKNOWN_GRACE_SECONDS, 60))
        .withRetries(
            positiveInt(EnvVar.SEND_MAX_ATTEMPTS, 8),
            positiveInt(EnvVar.OUTBOUND_MAX_RECEIVE_COUNT, 30),
            positiveInt(EnvVar.SEND_RETRY_MAX_SECONDS, 300))
        .withPairRate(
            positiveInt(EnvVar.PAIR_INTERVAL_MS, 6_000), positiveInt(EnvVar.PAIR_BURST, 5));
  }

  DeadLetters deadLetters() {
    return new SqsDeadLetters(
        sqs(),
        config
            .outboundDlqUrl()
            .orElseThrow(
                () -> new ConfigException(EnvVar.OUTBOUND_DLQ_URL, "is required by the sender")));
  }

  SenderStore senderStore() {
    return new DynamoDbSenderStore(dynamoDb(), config.requireTableName());
  }

  /**
   * The sender's batch policy over the real adapters; {@code groupLanes} runs a batch's customers
   * side by side.
   */
  DeliverOutboundBatch deliverOutboundBatch(Executor groupLanes) {
    SenderSettings settings = senderSettings();
    QueuedMessageSender sender =
        new QueuedMessageSender(
            senderStore(),
            graphApi(settings),
            new StatusApplier(stores().messages(), stores().statuses()),
            throughputLimiter(),
            deadLetters(),
            Clock.systemUTC(),
            settings);
    return new OutboundBatchDelivery(
        sender, retryDelays(), groupLanes, Clock.systemUTC(), settings.graphTimeoutMillis());
  }

  /** One thread per message group of a batch (at most 10 records); daemon, kept warm. */
  static ExecutorService senderGroupLanes() {
    return Executors.newFixedThreadPool(
        10,
        runnable -> {
          Thread thread = new Thread(runnable, "sender-group");
          thread.setDaemon(true);
          return thread;
        });
  }

  private GraphApi graphApi(SenderSettings settings) {
    return new HttpGraphApi(
        config
            .graphApiUrl()
            .orElseThrow(
                () -> new ConfigException(EnvVar.GRAPH_API_URL, "is required by the sender")),
        config.graphApiVersion(),
        config
            .metaAccessToken()
            .orElseThrow(
                () -> new ConfigException(EnvVar.META_ACCESS_TOKEN, "is required by the sender")),
        Duration.ofMillis(settings.graphTimeoutMillis()));
  }

  /** Sets a retried message's visibility to its backoff; best effort (the default also works). */
  private RetryDelays retryDelays() {
    return new SqsRetryDelays(
        sqs(),
        config
            .outboundQueueUrl()
            .orElseThrow(
                () -> new ConfigException("OUTBOUND_QUEUE_URL", "is required by the sender")));
  }

  /** A whole number above zero from the environment, or the default; a bad value names itself. */
  int positiveInt(String name, int fallback) {
    return env.get(name)
        .map(
            value -> {
              if (!value.matches("\\d{1,9}") || Integer.parseInt(value) == 0) {
                throw new ConfigException(name, "must be a whole number above zero");
              }
              return Integer.parseInt(value);
            })
        .orElse(fallback);
  }

  CustomerRefs customerRefs() {
    return new CustomerRefs(config.requireCustomerRefKey());
  }

  ThreadReader threadReader() {
    return new DynamoDbThreadReader(dynamoDb(), config.requireTableName());
  }

  /** One SQS client per execution environment, whichever queues it writes to. */
  private SqsClient sqs() {
    if (sqs == null) {
      sqs = AwsClients.sqs(env, AwsClients.lambdaHttpClient());
    }
    return sqs;
  }

  private DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = AwsClients.dynamoDb(env, AwsClients.lambdaHttpClient());
    }
    return dynamoDb;
  }
}
