package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.frontdoor.config.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's media endpoints, as Meta's Graph API serves them: {@code GET /<version>/<media-id>}
 * (bearer token) answers {@code {messaging_product, url, mime_type, sha256, file_size, id}} with a
 * download URL on this same sandbox; {@code GET} of that URL with the token gives the bytes. Media
 * are registered by the test (or scenario) that sends the webhook naming them.
 *
 * <p>Each medium can misbehave to test the fetcher's safeguards ({@link Mode}): a redirect to
 * another host, a download URL on another host, bytes that are not the ones registered (wrong
 * sha256), a body far larger than declared (sent chunked, without a length), a slow answer.
 */
public final class SandboxMedia {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METADATA = Pattern.compile("^/(v\\d+\\.\\d+)/(\\d{1,40})/?$");
  private static final Pattern DOWNLOAD = Pattern.compile("^/whatsapp_business/attachments/?$");
  private static final String BEARER = "bearer ";

  /** How a medium's endpoints answer. */
  public enum Mode {
    NORMAL,
    /** The download answers 302 to {@code target}, another host. */
    REDIRECT,
    /** The media endpoint's {@code url} is on {@code target}, another host. */
    FOREIGN_URL,
    /** The download gives other bytes than those registered (their sha256 does not match). */
    WRONG_SHA256,
    /**
     * The download streams {@code oversizeBytes} bytes, chunked, whatever {@code file_size} says.
     */
    OVERSIZE,
    /** The download waits {@code delay} before answering. */
    SLOW
  }

  /** One registered medium and how it behaves. */
  public record Medium(
      String id,
      byte[] bytes,
      String mimeType,
      Mode mode,
      URI target,
      long oversizeBytes,
      Duration delay) {

    /** Hex SHA-256 of the registered bytes. */
    public String sha256Hex() {
      return HexFormat.of().formatHex(digest(bytes));
    }

    /** Base64 SHA-256, the form Meta's webhooks carry. */
    public String sha256Base64() {
      return Base64.getEncoder().encodeToString(digest(bytes));
    }

    public Medium with(Mode newMode, URI newTarget, long newOversize, Duration newDelay) {
      return new Medium(id, bytes, mimeType, newMode, newTarget, newOversize, newDelay);
    }
  }

  private final Secret accessToken;
  private final Supplier<URI> baseUri;
  private final Map<String, Medium> media = new ConcurrentHashMap<>();
  private final AtomicInteger downloads = new AtomicInteger();
  private final AtomicInteger metadataRequests = new AtomicInteger();

  SandboxMedia(Secret accessToken, Supplier<URI> baseUri) {
    this.accessToken = accessToken;
    this.baseUri = baseUri;
  }

  /** Registers a medium that answers normally. */
  public Medium register(String id, byte[] bytes, String mimeType) {
    Medium medium = new Medium(id, bytes.clone(), mimeType, Mode.NORMAL, null, 0, Duration.ZERO);
    media.put(id, medium);
    return medium;
  }

  /** Makes a registered medium misbehave. */
  public void misbehave(String id, Mode mode, URI target, long oversizeBytes, Duration delay) {
    media.computeIfPresent(id, (k, m) -> m.with(mode, target, oversizeBytes, delay));
  }

  public Optional<Medium> medium(String id) {
    return Optional.ofNullable(media.get(id));
  }

  /** Downloads answered (any outcome) so far. */
  public int downloads() {
    return downloads.get();
  }

  public int metadataRequests() {
    return metadataRequests.get();
  }

  /** Whether this is a media request; answered when it is. */
  boolean handles(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      return false;
    }
    String path = exchange.getRequestURI().getPath();
    Matcher metadata = METADATA.matcher(path);
    if (metadata.matches()) {
      metadataRequests.incrementAndGet();
      if (!authorized(exchange)) {
        json(exchange, 401, MetaErrors.invalidToken().toString());
        return true;
      }
      Medium medium = media.get(metadata.group(2));
      if (medium == null) {
        json(
            exchange,
            400,
            MetaErrors.error(100, "Unsupported get request. Object with ID does not exist")
                .toString());
        return true;
      }
      URI url =
          medium.mode() == Mode.FOREIGN_URL
              ? medium.target()
              : baseUri
                  .get()
                  .resolve("/whatsapp_business/attachments/?mid=" + medium.id() + "&ext=1");
      ObjectNode answer =
          JSON.createObjectNode()
              .put("messaging_product", "whatsapp")
              .put("url", url.toString())
              .put("mime_type", medium.mimeType())
              .put("sha256", medium.sha256Hex())
              .put("file_size", Integer.toString(medium.bytes().length))
              .put("id", medium.id());
      json(exchange, 200, answer.toString());
      return true;
    }
    if (DOWNLOAD.matcher(path).matches()) {
      downloads.incrementAndGet();
      if (!authorized(exchange)) {
        json(exchange, 401, MetaErrors.invalidToken().toString());
        return true;
      }
      String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
      Matcher mid = Pattern.compile("(?:^|&)mid=(\\d{1,40})").matcher(query);
      Medium medium = mid.find() ? media.get(mid.group(1)) : null;
      if (medium == null) {
        json(exchange, 404, MetaErrors.error(100, "Media not found").toString());
        return true;
      }
      download(exchange, medium);
      return true;
    }
    return false;
  }

  private void download(HttpExchange exchange, Medium medium) throws IOException {
    switch (medium.mode()) {
      case REDIRECT -> {
        exchange.getResponseHeaders().set("Location", medium.target().toString());
        exchange.sendResponseHeaders(302, -1);
      }
      case WRONG_SHA256 -> {
        byte[] other = medium.bytes().clone();
        other[0] ^= 0x5a;
        bytes(exchange, medium.mimeType(), other);
      }
      case OVERSIZE -> {
        exchange.getResponseHeaders().set("Content-Type", medium.mimeType());
        exchange.sendResponseHeaders(200, 0); // chunked: no length declared
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
          for (long sent = 0; sent < medium.oversizeBytes(); sent += chunk.length) {
            out.write(chunk);
          }
        } catch (IOException e) {
          // the client hung up at its cap: what it should do
        }
      }
      case SLOW -> {
        try {
          Thread.sleep(medium.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        try {
          bytes(exchange, medium.mimeType(), medium.bytes());
        } catch (IOException e) {
          // the client gave up first
        }
      }
      default -> bytes(exchange, medium.mimeType(), medium.bytes());
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null
        && header.toLowerCase(Locale.ROOT).startsWith(BEARER)
        && accessToken.matches(header.substring(BEARER.length()).trim());
  }

  private static void bytes(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
