package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.frontdoor.analytics.events.IntegrationEvent;
import dev.frontdoor.analytics.events.port.out.EventPublisher;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.Secret;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local runtime's integration event publisher (in AWS: the EventBridge bus): keeps the events
 * published, newest last ({@code GET /local/events}), and, with {@code EVENTS_WEBHOOK_URL}, POSTs
 * each one there signed with the Standard Webhooks scheme ({@code webhook-id} = the event's id,
 * {@code webhook-timestamp}, {@code webhook-signature}; the official library signs). Delivery is
 * asynchronous: publishing only appends and enqueues, so a slow or failing receiver never holds up
 * the write that caused the event. Retries follow {@link EventWebhookRetry}; what still fails is
 * kept as a dead letter ({@code GET /local/events?failed}). At most {@code EVENTS_WEBHOOK_QUEUE}
 * events wait for delivery; beyond that, events are counted and logged as dropped (still listed).
 */
final class LocalEvents implements EventPublisher, AutoCloseable {
  /** Local-only knobs (the receiver's tests want short waits). */
  static final String MAX_ATTEMPTS = "EVENTS_WEBHOOK_MAX_ATTEMPTS";

  static final String BACKOFF_MS = "EVENTS_WEBHOOK_BACKOFF_MS";
  static final String TIMEOUT_MS = "EVENTS_WEBHOOK_TIMEOUT_MS";
  static final String QUEUE = "EVENTS_WEBHOOK_QUEUE";

  /** How many events the list keeps (the oldest go first). */
  static final int KEPT = 10_000;

  private static final Log LOG = Log.of(LocalEvents.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deque<IntegrationEvent> published = new ArrayDeque<>();
  private final List<ObjectNode> deadLetters = new ArrayList<>();
  private final Optional<Delivery> delivery;

  /** Where and how the webhook delivers, when one is configured. */
  private record WebhookSettings(
      URI target, Webhook signer, EventWebhookRetry retry, Duration timeout, int capacity) {}

  private LocalEvents(Optional<WebhookSettings> webhook) {
    this.delivery =
        webhook.map(
            settings ->
                new Delivery(
                    settings.target(),
                    settings.signer(),
                    settings.retry(),
                    settings.timeout(),
                    settings.capacity()));
  }

  static LocalEvents from(Environment env) {
    Optional<String> url = env.get(EnvVar.EVENTS_WEBHOOK_URL).filter(value -> !value.isBlank());
    if (url.isEmpty()) {
      return new LocalEvents(Optional.empty());
    }
    URI target;
    try {
      target = URI.create(url.get().trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(EnvVar.EVENTS_WEBHOOK_URL, "is not a valid URL");
    }
    if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
      throw new ConfigException(EnvVar.EVENTS_WEBHOOK_URL, "must be an http or https URL");
    }
    String secret =
        env.get(EnvVar.EVENTS_WEBHOOK_SECRET)
            .filter(value -> value.startsWith("whsec_"))
            .orElseThrow(
                () ->
                    new ConfigException(
                        EnvVar.EVENTS_WEBHOOK_SECRET,
                        "must be set to a whsec_<base64> secret when EVENTS_WEBHOOK_URL is"));
    Secret.of(secret); // registered, so the log lines mask it like every other secret
    Webhook signer;
    try {
      signer = new Webhook(secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(EnvVar.EVENTS_WEBHOOK_SECRET, "is not whsec_ and base64");
    }
    EventWebhookRetry retry =
        new EventWebhookRetry(
            env.positiveInt(MAX_ATTEMPTS, EventWebhookRetry.DEFAULT.maxAttempts()),
            Duration.ofMillis(
                env.positiveInt(BACKOFF_MS, (int) EventWebhookRetry.DEFAULT.base().toMillis())),
            EventWebhookRetry.DEFAULT.cap());
    return new LocalEvents(
        Optional.of(
            new WebhookSettings(
                target,
                signer,
                retry,
                Duration.ofMillis(env.positiveInt(TIMEOUT_MS, 5_000)),
                env.positiveInt(QUEUE, 10_000))));
  }

  @Override
  public Set<String> publish(List<IntegrationEvent> events) {
    synchronized (published) {
      for (IntegrationEvent event : events) {
        published.addLast(event);
        if (published.size() > KEPT) {
          published.removeFirst();
        }
      }
    }
    delivery.ifPresent(webhook -> events.forEach(webhook::offer));
    return Set.of();
  }

  /** {@code GET /local/events}: the envelopes, newest last. */
  String listJson() throws IOException {
    ArrayNode list = JSON.createArrayNode();
    synchronized (published) {
      for (IntegrationEvent event : published) {
        list.add(JSON.readTree(event.toJson()));
      }
    }
    return list.toString();
  }

  /** {@code GET /local/events?failed}: dead letters, oldest first. */
  String failedJson() {
    ArrayNode list = JSON.createArrayNode();
    synchronized (deadLetters) {
      deadLetters.forEach(list::add);
    }
    return list.toString();
  }

  /** Counters for {@code /local/health}. */
  ObjectNode stats() {
    ObjectNode stats = JSON.createObjectNode();
    synchronized (published) {
      stats.put("published", published.size());
    }
    delivery.ifPresent(
        webhook -> {
          stats.put("webhook_pending", webhook.pending.get());
          stats.put("webhook_delivered", webhook.delivered.get());
          stats.put("webhook_retries", webhook.retries.get());
          stats.put("webhook_dropped", webhook.dropped.get());
          synchronized (deadLetters) {
            stats.put("webhook_failed", deadLetters.size());
          }
        });
    return stats;
  }

  @Override
  public void close() {
    delivery.ifPresent(Delivery::close);
  }

  /** Posts events to the receiver without ever blocking the publisher. */
  private final class Delivery {
    private final URI target;
    private final Webhook signer;
    private final EventWebhookRetry retry;
    private final Duration timeout;
    private final int capacity;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    final AtomicInteger pending = new AtomicInteger();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    Delivery(URI target, Webhook signer, EventWebhookRetry retry, Duration timeout, int capacity) {
      this.target = target;
      this.signer = signer;
      this.retry = retry;
      this.timeout = timeout;
      this.capacity = capacity;
      this.scheduler =
          Executors.newScheduledThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "local-event-webhook");
                thread.setDaemon(true);
                return thread;
              });
      this.http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(timeout)
              .executor(scheduler)
              .build();
    }

    void offer(IntegrationEvent event) {
      if (pending.incrementAndGet() > capacity) {
        pending.decrementAndGet();
        long count = dropped.incrementAndGet();
        LOG.warn("events.webhook.dropped")
            .field("event_id", event.id())
            .field("type", event.type())
            .field("dropped", count)
            .field("capacity", capacity)
            .write();
        return;
      }
      scheduler.execute(() -> attempt(event, event.toJson(), 1));
    }

    private void attempt(IntegrationEvent event, String body, int attempt) {
      long timestamp = System.currentTimeMillis() / 1000;
      String signature;
      try {
        signature = signer.sign(event.id(), timestamp, body);
      } catch (WebhookSigningException e) {
        fail(event, attempt, 0, "signing failed: " + e.getMessage());
        return;
      }
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .header("content-type", "application/json")
              .header("webhook-id", event.id())
              .header("webhook-timestamp", Long.toString(timestamp))
              .header("webhook-signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                int status = response == null ? 0 : response.statusCode();
                if (error == null && EventWebhookRetry.delivered(status)) {
                  delivered.incrementAndGet();
                  pending.decrementAndGet();
                  return;
                }
                String reason =
                    error != null
                        ? "no answer: " + error.getClass().getSimpleName()
                        : "answered " + status;
                boolean again = error != null || EventWebhookRetry.retryable(status);
                Optional<Duration> wait = again ? retry.delayAfter(attempt) : Optional.empty();
                if (wait.isEmpty()) {
                  fail(event, attempt, status, reason);
                  return;
                }
                retries.incrementAndGet();
                LOG.info("events.webhook.retry")
                    .field("event_id", event.id())
                    .field("attempt", attempt)
                    .field("reason", reason)
                    .field("wait_ms", wait.get().toMillis())
                    .write();
                try {
                  scheduler.schedule(
                      () -> attempt(event, body, attempt + 1),
                      wait.get().toMillis(),
                      TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                  pending.decrementAndGet();
                }
              });
    }

    private void fail(IntegrationEvent event, int attempts, int status, String reason) {
      pending.decrementAndGet();
      ObjectNode letter = JSON.createObjectNode();
      try {
        letter.set("event", JSON.readTree(event.toJson()));
      } catch (IOException e) {
        letter.put("event_id", event.id());
      }
      letter.put("attempts", attempts);
      if (status > 0) {
        letter.put("status", status);
      }
      letter.put("reason", reason);
      letter.put("failed_at", java.time.Instant.now().toString());
      synchronized (deadLetters) {
        deadLetters.add(letter);
      }
      LOG.warn("events.webhook.failed")
          .field("event_id", event.id())
          .field("type", event.type())
          .field("attempts", attempts)
          .field("reason", reason)
          .write();
    }

    void close() {
      scheduler.shutdownNow();
    }
  }
}
