package dev.frontdoor.functions.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One route as template.yaml declares it for the HTTP API ({@code GET /v1/threads/{phone}}). The
 * HTTP API names the matched route in the event's route key and hands over decoded path parameters;
 * behind a Lambda function URL the route key is {@code $default} and only the raw path arrives, so
 * the same route is matched here by path.
 */
public record HttpRoute(String method, String pathTemplate) {

  public HttpRoute {
    if (!pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException("a route's path starts with /: " + pathTemplate);
    }
  }

  /** The HTTP API's route key: {@code METHOD /path/{param}}. */
  public String routeKey() {
    return method + " " + pathTemplate;
  }

  /** Literal segments count first, so that {@code /a/b} is tried before {@code /a/{x}}. */
  int literalSegments() {
    return (int) segments(pathTemplate).stream().filter(segment -> !isParameter(segment)).count();
  }

  /**
   * The path parameters when {@code rawPath} (percent-encoded, as a function URL delivers it) has
   * this route's shape, each percent-decoded on its own as the HTTP API decodes them ({@code %2B}
   * is {@code +}; a literal {@code +} stays {@code +}, since a path is not a form). One trailing
   * slash is allowed, as the local runtime allows it.
   *
   * @throws MalformedPathException a segment's percent-encoding is broken or not UTF-8
   */
  Optional<Map<String, String>> match(String rawPath) {
    String path =
        rawPath.length() > 1 && rawPath.endsWith("/")
            ? rawPath.substring(0, rawPath.length() - 1)
            : rawPath;
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    List<String> template = segments(pathTemplate);
    String[] actual = path.substring(1).split("/", -1);
    if (actual.length != template.size()) {
      return Optional.empty();
    }
    for (int i = 0; i < actual.length; i++) {
      String expected = template.get(i);
      boolean fits = isParameter(expected) ? !actual[i].isEmpty() : expected.equals(actual[i]);
      if (!fits) {
        return Optional.empty();
      }
    }
    // Only a path of this route's shape is decoded: another route's path is a 404, never a 400.
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < actual.length; i++) {
      String expected = template.get(i);
      if (isParameter(expected)) {
        parameters.put(expected.substring(1, expected.length() - 1), percentDecode(actual[i]));
      }
    }
    return Optional.of(parameters);
  }

  private static List<String> segments(String template) {
    return template.equals("/") ? List.of() : List.of(template.substring(1).split("/", -1));
  }

  private static boolean isParameter(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  /** RFC 3986 percent-decoding of one path segment, strictly UTF-8; {@code +} is literal. */
  static String percentDecode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    int i = 0;
    while (i < segment.length()) {
      int percent = segment.indexOf('%', i);
      int end = percent < 0 ? segment.length() : percent;
      // Text between escapes is written as the UTF-8 it stands for (whole, so pairs stay pairs).
      byte[] text = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
      bytes.write(text, 0, text.length);
      if (percent < 0) {
        break;
      }
      int high = percent + 2 < segment.length() ? hex(segment.charAt(percent + 1)) : -1;
      int low = high < 0 ? -1 : hex(segment.charAt(percent + 2));
      if (low < 0) {
        throw new MalformedPathException("a % in the path is not followed by two hex digits");
      }
      bytes.write(high * 16 + low);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedPathException("the path's percent-encoding is not UTF-8");
    }
  }

  private static int hex(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }

  /** A path whose percent-encoding cannot be read: the caller's mistake, answered 400. */
  public static final class MalformedPathException extends IllegalArgumentException {
    MalformedPathException(String message) {
      super(message);
    }
  }

  /** The routes' path templates that have {@code rawPath}'s shape, literal segments first. */
  static List<HttpRoute> byPathSpecificity(List<HttpRoute> routes) {
    List<HttpRoute> sorted = new ArrayList<>(routes);
    sorted.sort((a, b) -> Integer.compare(b.literalSegments(), a.literalSegments()));
    return sorted;
  }
}
