package dev.frontdoor.adapter.out.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.config.Secret;
import dev.frontdoor.lifecycle.MediaFetch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetch policy against two loopback servers speaking HTTP: "meta" (the configured Graph API
 * origin, allowed) and "other" (another port, so another origin: not allowed). Whatever meta
 * answers, other must never be asked, and never see the token.
 */
class GraphMediaSourceTest {
  static final String TOKEN = "media-test-access-token-7f3a";
  static final byte[] BYTES = "the media bytes".getBytes(StandardCharsets.UTF_8);

  HttpServer meta;
  HttpServer other;
  final Map<String, HttpHandler> metaRoutes = new ConcurrentHashMap<>();
  final List<String> metaAuthorizations = new CopyOnWriteArrayList<>();
  final List<String> otherRequests = new CopyOnWriteArrayList<>();
  final List<String> otherAuthorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    meta = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    meta.setExecutor(Executors.newCachedThreadPool());
    meta.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          metaAuthorizations.add(auth == null ? "" : auth);
          HttpHandler route = metaRoutes.get(exchange.getRequestURI().getPath());
          if (route == null) {
            respond(exchange, 404, "{\"error\":{\"message\":\"no such object\"}}");
          } else {
            route.handle(exchange);
          }
        });
    meta.start();
    other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    other.createContext(
        "/",
        exchange -> {
          otherRequests.add(exchange.getRequestURI().toString());
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          if (auth != null) {
            otherAuthorizations.add(auth);
          }
          bytes(exchange, BYTES);
        });
    other.start();
  }

  @AfterEach
  void stop() {
    meta.stop(0);
    other.stop(0);
  }

  URI metaUri(String path) {
    return URI.create("http://127.0.0.1:" + meta.getAddress().getPort() + path);
  }

  URI otherUri(String path) {
    return URI.create("http://127.0.0.1:" + other.getAddress().getPort() + path);
  }

  GraphMediaSource source(Duration timeout) {
    URI graph = metaUri("");
    return new GraphMediaSource(
        graph, "v23.0", Secret.of(TOKEN), MediaHosts.metaAnd(graph), timeout);
  }

  /** The media endpoint answers with {@code url} and a declared size. */
  void metadata(URI url, long fileSize) {
    metaRoutes.put(
        "/v23.0/1003383421387256",
        exchange ->
            respond(
                exchange,
                200,
                "{\"messaging_product\":\"whatsapp\",\"url\":\""
                    + url
                    + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"abc\",\"file_size\":\""
                    + fileSize
                    + "\",\"id\":\"1003383421387256\"}"));
  }

  @Test
  void media_onAnAllowedHost_isFetchedWithTheToken() {
    metadata(metaUri("/download?mid=1"), BYTES.length);
    metaRoutes.put("/download", exchange -> bytes(exchange, BYTES));

    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);

    assertThat(fetched).isInstanceOf(MediaFetch.Fetched.class);
    assertThat(((MediaFetch.Fetched) fetched).bytes()).isEqualTo(BYTES);
    assertThat(((MediaFetch.Fetched) fetched).mimeType()).isEqualTo("image/jpeg");
    assertThat(metaAuthorizations).containsExactly("Bearer " + TOKEN, "Bearer " + TOKEN);
  }

  @Test
  void aDownloadUrlOnAnotherHost_isRefused_andNeverRequested() {
    metadata(otherUri("/download?mid=1"), BYTES.length);

    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);

    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) fetched).reason()).contains("not an allowed media host");
    assertThat(otherRequests).isEmpty();
    assertThat(otherAuthorizations).isEmpty();
  }

  @Test
  void aRedirectOfTheDownload_isNotFollowed_andTheTokenStaysHome() {
    metadata(metaUri("/download"), BYTES.length);
    metaRoutes.put("/download", exchange -> redirect(exchange, otherUri("/stolen")));

    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);

    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) fetched).reason()).startsWith("redirect refused (302");
    assertThat(otherRequests).isEmpty();
    assertThat(otherAuthorizations).isEmpty();
  }

  @Test
  void aRedirectOfTheMediaEndpoint_isNotFollowedEither() {
    metaRoutes.put("/v23.0/1003383421387256", exchange -> redirect(exchange, otherUri("/x")));
    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);
    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(otherRequests).isEmpty();
  }

  @Test
  void aRedirectToAnAllowedPath_isRefusedToo() {
    metadata(metaUri("/download"), BYTES.length);
    metaRoutes.put("/download", exchange -> redirect(exchange, metaUri("/elsewhere")));
    metaRoutes.put("/elsewhere", exchange -> bytes(exchange, BYTES));
    assertThat(source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000))
        .isInstanceOf(MediaFetch.Refused.class);
    assertThat(metaAuthorizations).hasSize(2); // the endpoint and the download, never /elsewhere
  }

  @Test
  void aDeclaredFileSizeOverTheCap_isRefusedBeforeTheDownload() {
    metadata(metaUri("/download"), 5_000);
    metaRoutes.put("/download", exchange -> bytes(exchange, new byte[5_000]));

    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);

    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) fetched).reason()).contains("too large");
    assertThat(metaAuthorizations).hasSize(1);
  }

  @Test
  void aContentLengthOverTheCap_isRefused() {
    metadata(metaUri("/download"), 10);
    metaRoutes.put("/download", exchange -> bytes(exchange, new byte[5_000]));
    MediaFetch fetched = source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000);
    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) fetched).reason()).contains("too large");
  }

  @Test
  void aBodyGrowingPastTheCapWithoutALength_isCutOff() {
    metadata(metaUri("/download"), 10);
    metaRoutes.put(
        "/download",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 4096; i++) {
              out.write(new byte[64 * 1024]); // 256 MB if nobody stopped it
            }
          } catch (IOException e) {
            // the client hung up at its cap
          }
        });
    long start = System.nanoTime();
    MediaFetch fetched = source(Duration.ofSeconds(20)).fetch("1003383421387256", 100_000);
    assertThat(fetched).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) fetched).reason()).contains("too large");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aSlowAnswer_endsAtTheTimeLimit_asATransientFailure() {
    metadata(metaUri("/download"), BYTES.length);
    metaRoutes.put(
        "/download",
        exchange -> {
          try {
            Thread.sleep(5_000);
            bytes(exchange, BYTES);
          } catch (InterruptedException | IOException e) {
            // gave up
          }
        });
    long start = System.nanoTime();
    MediaFetch fetched = source(Duration.ofMillis(800)).fetch("1003383421387256", 1000);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(fetched).isInstanceOf(MediaFetch.Unavailable.class);
    assertThat(((MediaFetch.Unavailable) fetched).reason()).contains("timed out");
    assertThat(took).isLessThan(Duration.ofMillis(3_000));
  }

  @Test
  void serverErrors_areTransient_unknownMedia_isPermanent() {
    metaRoutes.put(
        "/v23.0/1003383421387256",
        exchange -> respond(exchange, 503, "{\"error\":{\"message\":\"try later\"}}"));
    assertThat(source(Duration.ofSeconds(5)).fetch("1003383421387256", 1000))
        .isInstanceOf(MediaFetch.Unavailable.class);
    MediaFetch unknown = source(Duration.ofSeconds(5)).fetch("999", 1000);
    assertThat(unknown).isInstanceOf(MediaFetch.Refused.class);
    assertThat(((MediaFetch.Refused) unknown).reason()).contains("404").contains("no such object");
  }

  @Test
  void theAllowList_isMetasHostsOverHttps_andTheConfiguredOriginExactly() {
    MediaHosts hosts = MediaHosts.metaAnd(URI.create("http://127.0.0.1:4010"));
    assertThat(hosts.allows(URI.create("https://graph.facebook.com/v23.0/1"))).isTrue();
    assertThat(hosts.allows(URI.create("https://lookaside.fbsbx.com/whatsapp_business/a?mid=1")))
        .isTrue();
    assertThat(hosts.allows(URI.create("https://scontent.xx.fbcdn.net/v/t1/abc"))).isTrue();
    assertThat(hosts.allows(URI.create("http://127.0.0.1:4010/whatsapp_business/a"))).isTrue();
    for (String refused :
        List.of(
            "http://graph.facebook.com/v23.0/1",
            "https://graph.facebook.com:8443/v23.0/1",
            "https://graph.facebook.com.evil.example/",
            "https://evilfbcdn.net/x",
            "https://fbcdn.net/x",
            "https://token@lookaside.fbsbx.com/x",
            "http://127.0.0.1:4011/x",
            "http://localhost:4010/x",
            "ftp://lookaside.fbsbx.com/x",
            "/relative/path")) {
      assertThat(hosts.allows(URI.create(refused))).as(refused).isFalse();
    }
  }

  static void redirect(HttpExchange exchange, URI to) throws IOException {
    exchange.getResponseHeaders().set("Location", to.toString());
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  static void bytes(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
