package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.logging.Log;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meta-shaped status webhooks for accepted messages: {@code sent}, then {@code delivered}, then
 * {@code read}, each after its delay and only after the previous one was posted (or given up on),
 * signed with {@code X-Hub-Signature-256}. A failed post is retried, then logged and skipped.
 */
final class StatusCallbacks implements AutoCloseable {
  static final List<String> STATUSES = List.of("sent", "delivered", "read");

  private static final Log LOG = Log.of(StatusCallbacks.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long RETRY_BASE_MILLIS = 100;

  private final SandboxOptions options;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;

  StatusCallbacks(SandboxOptions options) {
    this.options = options;
    this.scheduler = Executors.newScheduledThreadPool(8, daemonThreads("sandbox-status"));
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  void schedule(AcceptedMessage message) {
    next(message, 0);
  }

  private void next(AcceptedMessage message, int stage) {
    if (stage >= STATUSES.size() || scheduler.isShutdown()) {
      return;
    }
    Duration delay = options.statusDelays().get(stage);
    try {
      scheduler.schedule(() -> post(message, stage, 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile: no more statuses
    }
  }

  private void post(AcceptedMessage message, int stage, int attempt) {
    String status = STATUSES.get(stage);
    int httpStatus = -1;
    Exception failure = null;
    try {
      byte[] body = JSON.writeValueAsBytes(payload(message, status));
      HttpRequest request =
          HttpRequest.newBuilder(options.webhookTarget())
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("X-Hub-Signature-256", WebhookSignature.sign(body, options.appSecret()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      httpStatus = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (httpStatus / 100 == 2) {
        next(message, stage + 1);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      failure = e;
    }
    if (attempt < options.webhookAttempts() && !scheduler.isShutdown()) {
      long backoff = RETRY_BASE_MILLIS << (attempt - 1);
      try {
        scheduler.schedule(() -> post(message, stage, attempt + 1), backoff, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile
      }
      return;
    }
    LOG.warn("sandbox.status_webhook.failed")
        .field("status", status)
        .field("wamid", message.wamid())
        .phone("recipient", message.waId())
        .field("attempts", attempt)
        .field("http_status", httpStatus)
        .error(failure)
        .write();
    next(message, stage + 1);
  }

  ObjectNode payload(AcceptedMessage message, String status) {
    ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject().put("id", options.wabaId());
    ObjectNode change = entry.putArray("changes").addObject();
    ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
    change.put("field", "messages");
    value
        .putObject("metadata")
        .put("display_phone_number", options.displayPhoneNumber())
        .put("phone_number_id", message.phoneNumberId());
    ObjectNode item =
        value
            .putArray("statuses")
            .addObject()
            .put("id", message.wamid())
            .put("status", status)
            .put("timestamp", Long.toString(options.clock().instant().getEpochSecond()))
            .put("recipient_id", message.waId());
    if (message.bizOpaqueCallbackData() != null) {
      item.put("biz_opaque_callback_data", message.bizOpaqueCallbackData());
    }
    if (!status.equals("read")) {
      boolean template = "template".equals(message.type());
      item.putObject("pricing")
          .put("billable", template)
          .put("pricing_model", "PMP")
          .put("type", template ? "regular" : "free_customer_service")
          .put("category", template ? "utility" : "service");
    }
    return root;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
