package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import dev.frontdoor.infra.sandbox.SandboxMedia;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The media archive end to end through the local gateway (MEDIA_ARCHIVE_BUCKET a folder): signed
 * image webhooks are answered at once, the media-archive queue's function (as template.yaml wires
 * it) fetches each image from the sandbox Graph API's media endpoints, and the message items record
 * the outcome: the image whose bytes match the webhook's sha256 is in the folder under the
 * customer's pseudonym; one whose bytes do not match, and one whose download redirects to another
 * host, are recorded failed with their reason and not stored (the other host never asked). Erasure
 * then deletes the archived file and counts it.
 */
class MediaArchiveIT {
  private static final String WA_ID = "27845550311";
  private static final String E164 = "+27845550311";

  @TempDir static Path dataDir;
  static InboundGateway gateway;
  static HttpServer otherHost;
  static final List<String> otherHostRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    gateway = new InboundGateway(dataDir, Map.of("MEDIA_ARCHIVE_BUCKET", "file:media-archive"));
    otherHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    otherHost.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          otherHostRequests.add(exchange.getRequestURI() + " auth=" + (auth != null));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    otherHost.start();
  }

  @AfterAll
  static void stop() {
    otherHost.stop(0);
    gateway.close();
  }

  @Test
  void inboundMedia_archivedWithSha256Checked_refusalsRecorded_erasureDeletesTheFiles()
      throws Exception {
    SandboxMedia media = gateway.gateway.sandbox().orElseThrow().media();
    Random random = new Random(14);
    byte[] photo = new byte[300_000];
    random.nextBytes(photo);
    byte[] tampered = new byte[40_000];
    random.nextBytes(tampered);
    byte[] redirected = new byte[10_000];
    random.nextBytes(redirected);
    SandboxMedia.Medium good = media.register("7001000000000001", photo, "image/jpeg");
    SandboxMedia.Medium bad = media.register("7001000000000002", tampered, "image/jpeg");
    media.misbehave(bad.id(), SandboxMedia.Mode.WRONG_SHA256, null, 0, Duration.ZERO);
    SandboxMedia.Medium moved = media.register("7001000000000003", redirected, "image/jpeg");
    URI elsewhere = URI.create("http://127.0.0.1:" + otherHost.getAddress().getPort() + "/stolen");
    media.misbehave(moved.id(), SandboxMedia.Mode.REDIRECT, elsewhere, 0, Duration.ZERO);

    // GIVEN three signed image webhooks from one customer, answered 200 without waiting for media
    long now = Instant.now().getEpochSecond();
    for (SandboxMedia.Medium medium : List.of(good, bad, moved)) {
      long start = System.nanoTime();
      HttpResponse<String> answer =
          gateway.deliver(
              Webhooks.image(
                  "wamid.media-" + medium.id(),
                  WA_ID,
                  now - 60,
                  medium.id(),
                  medium.sha256Base64(),
                  "receipt photo"));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      System.out.printf(
          "FIGURE media webhook answered in %d ms (archive asynchronous)%n",
          (System.nanoTime() - start) / 1_000_000);
    }

    // THEN the matching image is archived under the customer's pseudonym, its sha256 checked
    String ref = new CustomerRefs(Secret.of(InboundGateway.REF_KEY)).of(new CustomerNumber(E164));
    Map<String, AttributeValue> archived = awaitArchiveState("wamid.media-" + good.id());
    String key = "media/" + ref + "/" + good.id();
    assertThat(archived.get("state").s()).isEqualTo("archived");
    assertThat(archived.get("key").s()).isEqualTo(key);
    assertThat(archived.get("sha256").s()).isEqualTo(good.sha256Hex());
    assertThat(archived.get("bytes").n()).isEqualTo(Integer.toString(photo.length));
    Path file = dataDir.resolve("media-archive").resolve(key);
    assertThat(file).exists();
    assertThat(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
        .isEqualTo(good.sha256Hex());

    // AND the image whose bytes do not match is refused and recorded, not stored
    Map<String, AttributeValue> mismatch = awaitArchiveState("wamid.media-" + bad.id());
    assertThat(mismatch.get("state").s()).isEqualTo("failed");
    assertThat(mismatch.get("reason").s()).contains("sha256 mismatch");
    assertThat(dataDir.resolve("media-archive").resolve("media/" + ref + "/" + bad.id()))
        .doesNotExist();

    // AND the redirected download is refused: the other host was never asked
    Map<String, AttributeValue> redirect = awaitArchiveState("wamid.media-" + moved.id());
    assertThat(redirect.get("state").s()).isEqualTo("failed");
    assertThat(redirect.get("reason").s()).startsWith("redirect refused (302");
    assertThat(otherHostRequests).isEmpty();
    try (var listing = Files.list(dataDir.resolve("media-archive").resolve("media/" + ref))) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(good.id());
    }

    // AND the thread API shows each image's archive state as recorded
    Map<String, JsonNode> shown = new java.util.HashMap<>();
    gateway
        .thread(E164, "")
        .path("items")
        .forEach(item -> shown.put(item.path("wamid").asText(), item.path("media_archive")));
    assertThat(shown.get("wamid.media-" + good.id()).path("state").asText()).isEqualTo("archived");
    assertThat(shown.get("wamid.media-" + good.id()).path("key").asText()).isEqualTo(key);
    assertThat(shown.get("wamid.media-" + bad.id()).path("reason").asText())
        .contains("sha256 mismatch");

    // WHEN the customer is erased
    HttpResponse<String> erased =
        gateway.api(
            "DELETE",
            "/v1/customers/" + URLEncoder.encode(E164, StandardCharsets.UTF_8),
            null,
            Map.of());

    // THEN the archived file went too, and the receipt counts it
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    JsonNode receipt = InboundGateway.JSON.readTree(erased.body());
    assertThat(receipt.path("removed").path("media").asLong()).as(erased.body()).isEqualTo(1);
    assertThat(receipt.path("removed").path("message").asLong()).isEqualTo(3);
    assertThat(file).doesNotExist();
    assertThat(dataDir.resolve("media-archive").resolve("media/" + ref)).doesNotExist();
    assertThat(gateway.partition("CUST#" + E164)).isEmpty();
  }

  /** Polls the message item until it records an archive state (30 s at most). */
  private static Map<String, AttributeValue> awaitArchiveState(String wamid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Map<String, AttributeValue>> state =
          gateway.partition("CUST#" + E164).stream()
              .filter(item -> item.get("sk").s().endsWith("#MSG#" + wamid))
              .filter(item -> item.containsKey("media_archive"))
              .map(item -> item.get("media_archive").m())
              .findFirst();
      if (state.isPresent()) {
        return state.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no archive state recorded on " + wamid + " within 30 s");
  }
}
