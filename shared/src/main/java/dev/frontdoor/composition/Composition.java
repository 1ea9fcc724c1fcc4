package dev.frontdoor.composition;

import dev.frontdoor.adapter.in.voice.StandardWebhookSignature;
import dev.frontdoor.adapter.in.voice.VonageSignature;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.connect.ConnectContactDirectory;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbMediaRecords;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbRateLeases;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbSenderStore;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbStores;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbTableItems;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbThreadReader;
import dev.frontdoor.adapter.out.events.EventBridgePublisher;
import dev.frontdoor.adapter.out.graph.GraphMediaSource;
import dev.frontdoor.adapter.out.graph.HttpGraphApi;
import dev.frontdoor.adapter.out.graph.MediaHosts;
import dev.frontdoor.adapter.out.media.FolderMediaArchive;
import dev.frontdoor.adapter.out.media.S3MediaArchive;
import dev.frontdoor.adapter.out.sqs.SqsDeadLetters;
import dev.frontdoor.adapter.out.sqs.SqsMediaArchiveQueue;
import dev.frontdoor.adapter.out.sqs.SqsOutboundQueue;
import dev.frontdoor.adapter.out.sqs.SqsRetryDelays;
import dev.frontdoor.analytics.DynamoDbJsonExport;
import dev.frontdoor.analytics.events.StoredChangePublishing;
import dev.frontdoor.analytics.events.StoredEventMapping;
import dev.frontdoor.analytics.events.port.in.PublishStoredChanges;
import dev.frontdoor.analytics.events.port.out.EventPublisher;
import dev.frontdoor.analytics.port.in.ExportTable;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.inbound.OptOutKeywords;
import dev.frontdoor.inbound.SubscriptionHandshake;
import dev.frontdoor.inbound.WebhookParser;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.inbound.WhatsAppIngest;
import dev.frontdoor.inbound.port.in.VerifyWebhookSubscription;
import dev.frontdoor.lifecycle.CustomerErasure;
import dev.frontdoor.lifecycle.MediaArchiving;
import dev.frontdoor.lifecycle.port.in.ArchiveMedia;
import dev.frontdoor.lifecycle.port.in.EraseCustomer;
import dev.frontdoor.lifecycle.port.out.MediaArchive;
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
import dev.frontdoor.outbound.send.BusinessNumbers;
import dev.frontdoor.outbound.send.MessageSending;
import dev.frontdoor.outbound.send.SendRequestReader;
import dev.frontdoor.outbound.send.port.in.SendMessage;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.MessageReading;
import dev.frontdoor.threads.StatusApplier;
import dev.frontdoor.threads.ThreadReading;
import dev.frontdoor.threads.port.in.ReadMessage;
import dev.frontdoor.threads.port.in.ReadThread;
import dev.frontdoor.threads.port.out.CallFollowUp;
import dev.frontdoor.threads.port.out.MediaFollowUp;
import dev.frontdoor.threads.port.out.ThreadReader;
import dev.frontdoor.voice.CallEventIngest;
import dev.frontdoor.voice.CallSummaries;
import dev.frontdoor.voice.SummaryComposer;
import dev.frontdoor.voice.SummaryTemplate;
import dev.frontdoor.voice.TwilioSignature;
import dev.frontdoor.voice.TwilioWebhookVerifier;
import dev.frontdoor.voice.port.in.ApproveSummary;
import dev.frontdoor.voice.port.in.FileWrapUp;
import dev.frontdoor.voice.port.in.IngestCallEvent;
import dev.frontdoor.voice.port.out.CallWebhookVerifier;
import dev.frontdoor.voice.port.out.ContactDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: builds the use cases over the real adapters from one configuration. The
 * handlers build it once in their constructors (so SnapStart snapshots it and no request pays for
 * it); the local runtime, the benchmarks and the end-to-end tests build the same use cases through
 * it, so each runs exactly what a function runs.
 */
public final class Composition {
  private final GatewayConfig config;
  private final Environment env;
  private DynamoDbClient dynamoDb;
  private SqsClient sqs;
  private SdkHttpClient http;
  private DynamoDbStores stores;
  private CallSummaries summaries;
  private SendMessage summarySending;
  private MediaArchive mediaArchive;

  public Composition(Environment env) {
    this(env, null);
  }

  /**
   * With a given table client (a benchmark's client that adds latency); {@code null} builds the
   * usual one.
   */
  public Composition(Environment env, DynamoDbClient dynamoDb) {
    this.env = env;
    this.config = GatewayConfig.from(env);
    this.dynamoDb = dynamoDb;
  }

  public GatewayConfig config() {
    return config;
  }

  /** Meta's verification handshake on {@code GET /webhooks/whatsapp}. */
  public VerifyWebhookSubscription verifyWebhookSubscription() {
    return new SubscriptionHandshake(config.requireVerifyToken());
  }

  /**
   * WhatsApp webhook ingest; closing it stops its entry lanes. A WhatsApp call that ends sends its
   * summary when the function can send (it has the outbound queue); else the wrap-up does.
   */
  public WhatsAppIngest ingestWhatsAppWebhook() {
    return new WhatsAppIngest(
        new WebhookSignature(config.requireAppSecrets()),
        new WebhookParser(config.defaultRegion()),
        stores().ingest(),
        Clock.systemUTC(),
        GatewayConfig.MAX_WEBHOOK_BYTES,
        optOutKeywords(),
        config.outboundQueueUrl().isPresent() ? callSummaries() : CallFollowUp.NONE,
        mediaFollowUp());
  }

  /**
   * With the media archive on, every stored media message becomes a job on the media-archive queue;
   * the fetch happens in the archive function, never before the webhook's answer.
   */
  private MediaFollowUp mediaFollowUp() {
    if (mediaArchive() == MediaArchive.NONE) {
      return MediaFollowUp.NONE;
    }
    String queueUrl =
        env.get(EnvVar.MEDIA_ARCHIVE_QUEUE_URL)
            .filter(url -> !url.isBlank())
            .orElseThrow(
                () ->
                    new ConfigException(
                        EnvVar.MEDIA_ARCHIVE_QUEUE_URL,
                        "is required when MEDIA_ARCHIVE_BUCKET is set"));
    return new SqsMediaArchiveQueue(sqs(), queueUrl);
  }

  /** The media archive's job (MediaArchiveFunction): fetch, check, store, record. */
  public ArchiveMedia archiveMedia() {
    MediaArchive archive = mediaArchive();
    if (archive == MediaArchive.NONE) {
      // Off: no job is ever queued; one left from before the archive was turned off is dropped.
      return MediaArchiving.OFF;
    }
    URI graph =
        config
            .graphApiUrl()
            .orElseThrow(
                () ->
                    new ConfigException(
                        EnvVar.GRAPH_API_URL, "is required by the media archive function"));
    return new MediaArchiving(
        new DynamoDbMediaRecords(dynamoDb(), config.requireTableName()),
        new GraphMediaSource(
            graph,
            config.graphApiVersion(),
            config
                .metaAccessToken()
                .orElseThrow(
                    () ->
                        new ConfigException(
                            EnvVar.META_ACCESS_TOKEN, "is required by the media archive function")),
            MediaHosts.metaAnd(graph),
            Duration.ofMillis(env.positiveInt(EnvVar.MEDIA_FETCH_TIMEOUT_MS, 30_000))),
        archive,
        Clock.systemUTC(),
        env.positiveLong(EnvVar.MEDIA_MAX_BYTES, MediaArchiving.DEFAULT_MAX_BYTES),
        env.positiveInt(EnvVar.MEDIA_ARCHIVE_MAX_ATTEMPTS, MediaArchiving.DEFAULT_MAX_ATTEMPTS));
  }

  /**
   * {@code MEDIA_ARCHIVE_BUCKET}: unset or empty is off; {@code file:<path>}, an absolute path or a
   * path with a {@code /} is a folder (relative to {@code GATEWAY_DATA_DIR}); anything else must be
   * an S3 bucket name.
   */
  private MediaArchive mediaArchive() {
    if (mediaArchive == null) {
      mediaArchive = newMediaArchive();
    }
    return mediaArchive;
  }

  private MediaArchive newMediaArchive() {
    Optional<String> setting =
        env.get(EnvVar.MEDIA_ARCHIVE_BUCKET).map(String::trim).filter(v -> !v.isEmpty());
    if (setting.isEmpty()) {
      return MediaArchive.NONE;
    }
    String value = setting.get();
    if (value.startsWith("file:") || value.contains("/") || value.contains("\\")) {
      java.nio.file.Path folder =
          java.nio.file.Path.of(value.startsWith("file:") ? value.substring(5) : value);
      if (!folder.isAbsolute()) {
        folder = config.gatewayDataDir().resolve(folder);
      }
      return new FolderMediaArchive(folder);
    }
    if (!value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new ConfigException(
          EnvVar.MEDIA_ARCHIVE_BUCKET,
          "must be an S3 bucket name, or a folder (file:<path>) for the local runtime");
    }
    Optional<URI> endpoint =
        env.get(EnvVar.AWS_ENDPOINT_URL_S3).filter(v -> !v.isBlank()).map(URI::create);
    return new S3MediaArchive(
        http(), AwsClients.credentials(env), AwsClients.region(env), value, endpoint);
  }

  /**
   * Voice providers' call events: a verifier for each provider whose secrets are configured (a
   * provider without them is refused by name), Connect's customers from its contact directory.
   */
  public IngestCallEvent ingestCallEvent() {
    Map<CallProvider, CallWebhookVerifier> verifiers = new EnumMap<>(CallProvider.class);
    if (!config.twilioAuthTokens().isEmpty()) {
      verifiers.put(
          CallProvider.TWILIO,
          new TwilioWebhookVerifier(new TwilioSignature(config.twilioAuthTokens())));
    }
    if (!config.vonageSignatureSecrets().isEmpty()) {
      verifiers.put(
          CallProvider.VONAGE,
          new VonageSignature(config.vonageSignatureSecrets(), Clock.systemUTC()));
    }
    if (!config.voiceHmacSecrets().isEmpty()) {
      verifiers.put(
          CallProvider.GENERIC,
          new StandardWebhookSignature(config.voiceHmacSecrets(), Clock.systemUTC()));
    }
    return new CallEventIngest(
        verifiers,
        config.defaultRegion(),
        stores().calls(),
        stores().rawEvents(),
        contactDirectory(),
        callSummaries(),
        callSummaries(),
        Clock.systemUTC());
  }

  /** {@code POST /v1/calls/{callId}/wrap-up}. */
  public FileWrapUp fileWrapUp() {
    return callSummaries();
  }

  /** {@code POST /v1/calls/{callId}/summary}. */
  public ApproveSummary approveSummary() {
    return callSummaries();
  }

  /**
   * Wrap-ups and summaries, and what follows a stored call event: one per execution environment,
   * however many use cases share it.
   */
  private synchronized CallSummaries callSummaries() {
    if (summaries == null) {
      summaries = newCallSummaries();
    }
    return summaries;
  }

  private CallSummaries newCallSummaries() {
    Optional<SummaryTemplate> template =
        env.get(EnvVar.SUMMARY_TEMPLATE_NAME)
            .filter(name -> !name.isBlank())
            .map(
                name ->
                    new SummaryTemplate(
                        name, env.get(EnvVar.SUMMARY_TEMPLATE_LANGUAGE).orElse("en")));
    ZoneId zone;
    try {
      zone = ZoneId.of(env.get(EnvVar.SUMMARY_TIME_ZONE).orElse("Africa/Johannesburg"));
    } catch (java.time.DateTimeException e) {
      throw new ConfigException(
          EnvVar.SUMMARY_TIME_ZONE, "must be a time zone id such as Africa/Johannesburg");
    }
    return new CallSummaries(
        stores().calls(),
        command -> summarySending().send(command),
        new SummaryComposer(zone),
        template,
        Clock.systemUTC());
  }

  /**
   * The sending a summary goes through, built when the first summary is sent rather than with the
   * webhook and voice functions: its queue client is a tenth of their cold start, and most of their
   * invocations never send one (docs: README "Cold start"). Ingest's lanes may ask at once.
   */
  private synchronized SendMessage summarySending() {
    if (summarySending == null) {
      summarySending = sendMessage();
    }
    return summarySending;
  }

  /** Where a Connect contact's customer number comes from (DescribeContact). */
  private ContactDirectory contactDirectory() {
    return ConnectContactDirectory.create(config, env, http());
  }

  /** {@code POST /v1/messages}. */
  public SendMessage sendMessage() {
    return new MessageSending(
        new SendRequestReader(
            config.defaultRegion(), new BusinessNumbers(config.metaPhoneNumberIds())),
        stores().idempotency(),
        stores().customers(),
        stores().messages(),
        outboundQueue(),
        customerRefs(),
        Clock.systemUTC());
  }

  /** {@code GET /v1/threads/{phone}}. */
  public ReadThread readThread() {
    return new ThreadReading(
        threadReader(), stores().userIds(), config.defaultRegion(), Clock.systemUTC());
  }

  /** {@code GET /v1/messages/{id}}. */
  public ReadMessage readMessage() {
    return new MessageReading(stores().messages(), Clock.systemUTC());
  }

  /** {@code DELETE /v1/customers/{phone}} (docs/data-model.md 12). */
  public EraseCustomer eraseCustomer() {
    return new CustomerErasure(
        stores().erasure(),
        stores().userIds(),
        customerRefs(),
        config.defaultRegion(),
        Clock.systemUTC(),
        CustomerErasure.DEFAULT_SETTLE,
        mediaArchive());
  }

  /**
   * The table stream's integration events on the EventBridge bus {@code EVENT_BUS_NAME}
   * (docs/events.md).
   */
  public PublishStoredChanges publishStoredChanges() {
    String bus =
        env.get(EnvVar.EVENT_BUS_NAME)
            .filter(name -> !name.isBlank())
            .orElseThrow(
                () -> new ConfigException(EnvVar.EVENT_BUS_NAME, "is required by this function"));
    java.net.URI endpoint =
        env.get(EnvVar.EVENTS_ENDPOINT_URL)
            .filter(url -> !url.isBlank())
            .map(
                url -> {
                  try {
                    return java.net.URI.create(url);
                  } catch (IllegalArgumentException e) {
                    throw new ConfigException(EnvVar.EVENTS_ENDPOINT_URL, "is not a valid URL");
                  }
                })
            .orElseGet(() -> EventBridgePublisher.publicEndpoint(AwsClients.region(env)));
    return publishStoredChanges(
        new EventBridgePublisher(
            http(), AwsClients.credentials(env), AwsClients.region(env), endpoint, bus));
  }

  /** The same mapping over another publisher: the local runtime's log and webhook. */
  public PublishStoredChanges publishStoredChanges(EventPublisher publisher) {
    return new StoredChangePublishing(new StoredEventMapping(eventsIncludeBody()), publisher);
  }

  /** {@code EVENTS_INCLUDE_BODY}: {@code true} or {@code false} (default). */
  public boolean eventsIncludeBody() {
    String value = env.get(EnvVar.EVENTS_INCLUDE_BODY).map(String::trim).orElse("false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(EnvVar.EVENTS_INCLUDE_BODY, "must be true or false");
    }
    return value.equals("true");
  }

  /**
   * The table written out as DynamoDB's export to S3 writes it (docs/data-model.md 13): the local
   * runtime's {@code bin/gateway export} and the analytics tests; in AWS, DynamoDB exports itself.
   */
  public ExportTable exportTable() {
    return new DynamoDbJsonExport(
        new DynamoDbTableItems(dynamoDb(), config.requireTableName()), Clock.systemUTC());
  }

  /** The item-family stores of the table, one set per execution environment. */
  private synchronized DynamoDbStores stores() {
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

  private OutboundQueue outboundQueue() {
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
  private OptOutKeywords optOutKeywords() {
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
  public ThroughputLimiter throughputLimiter() {
    return new ThroughputLimiter(
        new DynamoDbRateLeases(dynamoDb(), config.requireTableName()),
        java.time.Clock.systemUTC(),
        config.waThroughputMps(),
        ThroughputLimiter.DEFAULT_BLOCK);
  }

  /** The sender's leases, retries and pair rate (README: configuration). */
  public SenderSettings senderSettings() {
    int graphTimeout = env.positiveInt(EnvVar.GRAPH_API_TIMEOUT_MS, 10_000);
    int lease = env.positiveInt(EnvVar.SEND_LEASE_SECONDS, 60);
    if (1000L * lease < graphTimeout + 5_000L) {
      throw new ConfigException(
          EnvVar.SEND_LEASE_SECONDS, "must exceed GRAPH_API_TIMEOUT_MS by at least 5 seconds");
    }
    return SenderSettings.defaults()
        .withLease(1000L * lease, graphTimeout)
        .withUnknownGrace(1000L * env.positiveInt(EnvVar.SEND_UNKNOWN_GRACE_SECONDS, 60))
        .withRetries(
            env.positiveInt(EnvVar.SEND_MAX_ATTEMPTS, 8),
            env.positiveInt(EnvVar.OUTBOUND_MAX_RECEIVE_COUNT, 30),
            env.positiveInt(EnvVar.SEND_RETRY_MAX_SECONDS, 300))
        .withPairRate(
            env.positiveInt(EnvVar.PAIR_INTERVAL_MS, 6_000), env.positiveInt(EnvVar.PAIR_BURST, 5));
  }

  /**
   * The sender's dead letters. The queue client is built with the first dead letter (or retry
   * delay), not with the function: a first batch that sends needs neither, and the client is a
   * tenth of the sender's cold start (README "Cold start"). The URL is checked at once.
   */
  private DeadLetters deadLetters() {
    String url =
        config
            .outboundDlqUrl()
            .orElseThrow(
                () -> new ConfigException(EnvVar.OUTBOUND_DLQ_URL, "is required by the sender"));
    return (messageId, group, reason, receives, attempts) ->
        new SqsDeadLetters(sqs(), url).deadLetter(messageId, group, reason, receives, attempts);
  }

  private SenderStore senderStore() {
    return new DynamoDbSenderStore(dynamoDb(), config.requireTableName());
  }

  /**
   * The sender's batch policy over the real adapters; {@code groupLanes} runs a batch's customers
   * side by side.
   */
  public DeliverOutboundBatch deliverOutboundBatch(Executor groupLanes) {
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
  public static ExecutorService senderGroupLanes() {
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
    String url =
        config
            .outboundQueueUrl()
            .orElseThrow(
                () -> new ConfigException("OUTBOUND_QUEUE_URL", "is required by the sender"));
    return (receipt, seconds) -> new SqsRetryDelays(sqs(), url).delay(receipt, seconds);
  }

  private CustomerRefs customerRefs() {
    return new CustomerRefs(config.requireCustomerRefKey());
  }

  private ThreadReader threadReader() {
    return new DynamoDbThreadReader(dynamoDb(), config.requireTableName());
  }

  /** One SQS client per execution environment, whichever queues it writes to. */
  private synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = AwsClients.sqs(env, http());
    }
    return sqs;
  }

  private synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = AwsClients.dynamoDb(env, http());
    }
    return dynamoDb;
  }

  /**
   * One HTTP client per execution environment, shared by the table, the queues and Connect: each
   * client built costs a connection pool and TLS set-up on the cold start.
   */
  private synchronized SdkHttpClient http() {
    if (http == null) {
      http = AwsClients.lambdaHttpClient();
      AwsClients.primeBeforeSnapshot(env);
    }
    return http;
  }
}
