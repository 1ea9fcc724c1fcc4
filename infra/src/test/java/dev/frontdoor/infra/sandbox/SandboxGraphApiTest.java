package dev.frontdoor.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxGraphApiTest {
  private static final String TOKEN = "sandbox-access-token-1";
  private static final String APP_SECRET = "sandbox-app-secret-1";
  private static final String PHONE_ID = "106540352242922";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T10:00:00.250Z"));
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private SandboxGraphApi start(SandboxOptions options) {
    SandboxGraphApi api = SandboxGraphApi.start(options);
    open.add(api);
    return api;
  }

  private SandboxOptions options() {
    return SandboxOptions.defaults(TOKEN).withClock(clock);
  }

  static ObjectNode text(String to) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("messaging_product", "whatsapp")
            .put("recipient_type", "individual")
            .put("to", to)
            .put("type", "text")
            .put("biz_opaque_callback_data", "conversation-7");
    body.putObject("text").put("body", "Hello from Frontdoor");
    return body;
  }

  static GraphReply post(SandboxGraphApi api, String token, JsonNode body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.messagesUri(PHONE_ID))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new GraphReply(response.statusCode(), JSON.readTree(response.body()));
  }

  @Test
  void acceptsAValidMessageInMetasShape() throws Exception {
    SandboxGraphApi api = start(options());

    GraphReply reply = post(api, TOKEN, text("+27 82 123 4567"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(reply.body().at("/contacts/0/input").asText()).isEqualTo("+27 82 123 4567");
    assertThat(reply.body().at("/contacts/0/wa_id").asText()).isEqualTo("27821234567");
    String wamid = reply.body().at("/messages/0/id").asText();
    assertThat(wamid).matches("wamid\\.[A-Za-z0-9_-]{20,}");
    assertThat(api.accepted())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.wamid()).isEqualTo(wamid);
              assertThat(m.phoneNumberId()).isEqualTo(PHONE_ID);
              assertThat(m.type()).isEqualTo("text");
              assertThat(m.bizOpaqueCallbackData()).isEqualTo("conversation-7");
            });
    assertThat(api.sendsPerWamid()).containsEntry(wamid, 1L);
    assertThat(api.sendsPerSecond()).containsEntry(clock.instant().getEpochSecond(), 1L);

    String other = post(api, TOKEN, text("+27821234568")).body().at("/messages/0/id").asText();
    assertThat(other).isNotEqualTo(wamid);
  }

  @Test
  void refusesAMissingOrWrongToken() throws Exception {
    SandboxGraphApi api = start(options());

    for (String token : new String[] {null, "not-the-token"}) {
      GraphReply reply = post(api, token, text("+27821234567"));
      assertThat(reply.status()).isEqualTo(401);
      JsonNode error = reply.body().path("error");
      assertThat(error.path("type").asText()).isEqualTo("OAuthException");
      assertThat(error.path("code").asInt()).isEqualTo(190);
      assertThat(error.path("message").asText()).isNotBlank();
      assertThat(error.path("fbtrace_id").asText()).isNotBlank();
    }
    assertThat(api.accepted()).isEmpty();
  }

  @Test
  void refusesABodyTheSchemaRefuses() throws Exception {
    SandboxGraphApi api = start(options());
    ObjectNode body = text("+27821234567");
    body.remove("to");

    GraphReply reply = post(api, TOKEN, body);

    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.body().path("error");
    assertThat(error.path("code").asInt()).isEqualTo(100);
    assertThat(error.path("type").asText()).isEqualTo("OAuthException");
    assertThat(error.path("message").asText()).isEqualTo("(#100) The parameter to is required.");
    assertThat(error.at("/error_data/messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(error.at("/error_data/details").asText()).contains("to is required");
    assertThat(error.path("fbtrace_id").asText()).isNotBlank();

    GraphReply notJson = post(api, TOKEN, JSON.getNodeFactory().textNode("x"));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.code()).isEqualTo(100);
    assertThat(api.accepted()).isEmpty();
  }

  @Test
  void limitsThroughputPerPhoneNumberWithinOneSecond() throws Exception {
    SandboxGraphApi api = start(options().withMessagesPerSecond(3));

    for (int i = 0; i < 3; i++) {
      assertThat(post(api, TOKEN, text("+2782123450" + i)).status()).isEqualTo(200);
      clock.advance(Duration.ofMillis(100));
    }
    GraphReply limited = post(api, TOKEN, text("+27821234509"));

    assertThat(limited.status()).isEqualTo(400);
    assertThat(limited.code()).isEqualTo(130429);
    assertThat(limited.body().at("/error/message").asText()).isEqualTo("(#130429) Rate limit hit");
    clock.advance(Duration.ofMillis(800)); // the first send is now more than a second old
    assertThat(post(api, TOKEN, text("+27821234509")).status()).isEqualTo(200);
    assertThat(api.accepted()).hasSize(4);
  }

  @Test
  void limitsThePairRateToOneRecipient() throws Exception {
    SandboxGraphApi api = start(options());

    assertThat(post(api, TOKEN, text("+27821234567")).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(2));
    GraphReply limited = post(api, TOKEN, text("27821234567"));

    assertThat(limited.status()).isEqualTo(400);
    assertThat(limited.code()).isEqualTo(131056);
    assertThat(limited.body().at("/error/message").asText())
        .isEqualTo("(#131056) (Business Account, Consumer Account) pair rate limit hit");
    assertThat(post(api, TOKEN, text("+27821239999")).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(4));
    assertThat(post(api, TOKEN, text("+27821234567")).status()).isEqualTo(200);
  }

  @Test
  void aPairBurstAllowsBackToBackMessages() throws Exception {
    SandboxGraphApi api = start(options().withPairRate(Duration.ofSeconds(6), 2));

    assertThat(post(api, TOKEN, text("+27821234567")).status()).isEqualTo(200);
    assertThat(post(api, TOKEN, text("+27821234567")).status()).isEqualTo(200);
    assertThat(post(api, TOKEN, text("+27821234567")).code()).isEqualTo(131056);
  }

  @Test
  void postsSignedStatusesSentDeliveredReadInOrder() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver();
    open.add(receiver);
    receiver.failFirst.set(1); // the first post of "sent" fails and is retried
    SandboxGraphApi api =
        start(
            SandboxOptions.defaults(TOKEN)
                .withWebhooks(receiver.uri(), Secret.of(APP_SECRET))
                .withBusiness("102290129340398", "15550783881")
                .withStatusDelays(
                    Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)));
    WebhookSignature signature = new WebhookSignature(List.of(Secret.of(APP_SECRET)));

    String wamid = post(api, TOKEN, text("+27821234567")).body().at("/messages/0/id").asText();

    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      WebhookReceiver.Delivery delivery = receiver.next();
      assertThat(signature.check(delivery.body(), delivery.signature()))
          .isEqualTo(WebhookSignature.Result.VALID);
      assertThat(delivery.contentType()).startsWith("application/json");
      JsonNode payload = JSON.readTree(delivery.body());
      assertThat(payload.path("object").asText()).isEqualTo("whatsapp_business_account");
      assertThat(payload.at("/entry/0/id").asText()).isEqualTo("102290129340398");
      assertThat(payload.at("/entry/0/changes/0/field").asText()).isEqualTo("messages");
      JsonNode value = payload.at("/entry/0/changes/0/value");
      assertThat(value.path("messaging_product").asText()).isEqualTo("whatsapp");
      assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo(PHONE_ID);
      assertThat(value.at("/metadata/display_phone_number").asText()).isEqualTo("15550783881");
      JsonNode status = value.at("/statuses/0");
      assertThat(status.path("id").asText()).isEqualTo(wamid);
      assertThat(status.path("recipient_id").asText()).isEqualTo("27821234567");
      assertThat(status.path("timestamp").isTextual()).isTrue();
      assertThat(status.path("timestamp").asText()).matches("\\d{10}");
      assertThat(status.path("biz_opaque_callback_data").asText()).isEqualTo("conversation-7");
      String name = status.path("status").asText();
      statuses.add(name);
      if (name.equals("read")) {
        assertThat(status.has("pricing")).isFalse();
      } else {
        assertThat(status.at("/pricing/pricing_model").asText()).isEqualTo("PMP");
        assertThat(status.at("/pricing/billable").isBoolean()).isTrue();
        assertThat(status.at("/pricing/category").asText()).isEqualTo("service");
      }
    }
    assertThat(statuses).containsExactly("sent", "delivered", "read");
  }

  @Test
  void logsAStatusItCouldNotPostWithoutThePhoneNumber() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Log.setSink(lines::add);
    try {
      int closedPort;
      try (java.net.ServerSocket socket =
          new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      SandboxGraphApi api =
          start(
              SandboxOptions.defaults(TOKEN)
                  .withWebhooks(
                      URI.create("http://127.0.0.1:" + closedPort + "/webhook"),
                      Secret.of(APP_SECRET))
                  .withWebhookAttempts(2)
                  .withStatusDelays(
                      Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)));

      assertThat(post(api, TOKEN, text("+27821234567")).status()).isEqualTo(200);

      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).contains("sandbox.status_webhook.failed").contains("\"attempts\":2");
      assertThat(line).contains("***4567").doesNotContain("27821234567");
      assertThat(line).doesNotContain(TOKEN).doesNotContain(APP_SECRET);
    } finally {
      Log.setSink(System.out::println);
    }
  }

  @Test
  void injectsErrorsDelaysAndDisconnects() throws Exception {
    SandboxGraphApi api = start(options());
    api.faults()
        .failNext(2, 503, 131000, "Something went wrong")
        .delayNext(1, Duration.ofMillis(300))
        .disconnectNext(1);
    assertThat(api.faults().pending()).isEqualTo(4);

    for (int i = 0; i < 2; i++) {
      GraphReply failed = post(api, TOKEN, text("+2782123456" + i));
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.code()).isEqualTo(131000);
      assertThat(failed.body().at("/error/message").asText()).isEqualTo("Something went wrong");
    }
    long started = System.nanoTime();
    assertThat(post(api, TOKEN, text("+27821234562")).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThatThrownBy(() -> post(api, TOKEN, text("+27821234563")))
        .isInstanceOf(IOException.class);

    assertThat(post(api, TOKEN, text("+27821234563")).status()).isEqualTo(200);
    assertThat(api.faults().pending()).isZero();
    assertThat(api.accepted()).hasSize(2);
  }

  @Test
  void answersOtherPathsAsUnsupported() throws Exception {
    SandboxGraphApi api = start(options());
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.baseUri().resolve("/v23.0/" + PHONE_ID + "/media"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/code").asInt()).isEqualTo(100);
  }
}
