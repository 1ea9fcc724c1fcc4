package dev.frontdoor.voice;

import dev.frontdoor.config.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: the base64 HMAC-SHA1, keyed with the account's auth token,
 * of the full URL Twilio called followed by every form parameter, sorted by name, as name then
 * value (a repeated name contributes each of its distinct values, sorted).
 *
 * <p>When Twilio posts JSON it adds {@code bodySHA256} (the hex SHA-256 of the body) to the URL
 * instead: the signature then covers the URL alone, and the body must hash to that value.
 *
 * <p>Like Twilio's SDKs, the URL is also tried with its port removed, or with the scheme's default
 * port (443, else 80) added when it has none, because Twilio is not consistent about signing the
 * port. Only the port is changed, as text: the rest of the URL is signed exactly as given. Every
 * configured token is tried (rotation), each comparison in constant time.
 */
public final class TwilioSignature {
  private static final String BODY_HASH_PARAMETER = "bodySHA256";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<SecretKeySpec> keys;

  public TwilioSignature(List<Secret> authTokens) {
    if (authTokens.isEmpty()) {
      throw new IllegalArgumentException("at least one Twilio auth token is needed");
    }
    this.keys = authTokens.stream().map(TwilioSignature::key).toList();
  }

  /**
   * Checks the header of one request.
   *
   * @param url the public URL Twilio called, {@code scheme://host/path?query}, query as received
   * @param form the parameters decoded from this same {@code body} ({@link
   *     dev.frontdoor.common.FormBody#parse}) when it is a form; ignored when the URL carries
   *     {@code bodySHA256}
   * @param body the raw body, hashed when the URL carries {@code bodySHA256}
   * @param header the {@code X-Twilio-Signature} value, or null when absent
   */
  public VoiceSignatureResult check(
      String url, Map<String, List<String>> form, byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return VoiceSignatureResult.MISSING;
    }
    // Compared as text, as Twilio's SDKs do: one exact spelling of the base64 is accepted.
    byte[] presented = header.trim().getBytes(StandardCharsets.US_ASCII);
    Optional<String> bodyHash = bodyHash(url);
    Map<String, List<String>> signed = bodyHash.isPresent() ? Map.of() : form;
    boolean matched = false;
    for (String candidate : urlVariants(url)) {
      byte[] content = signedContent(candidate, signed);
      for (SecretKeySpec key : keys) {
        matched |= MessageDigest.isEqual(base64(hmac(key, content)), presented);
      }
    }
    if (bodyHash.isPresent() && !bodyMatches(body, bodyHash.get())) {
      return VoiceSignatureResult.INVALID;
    }
    return matched ? VoiceSignatureResult.VALID : VoiceSignatureResult.INVALID;
  }

  /** The header Twilio would send for {@code url} and {@code form}, signed with {@code token}. */
  public static String sign(String url, Map<String, List<String>> form, Secret token) {
    return new String(
        base64(hmac(key(token), signedContent(url, form))), StandardCharsets.US_ASCII);
  }

  private static byte[] base64(byte[] mac) {
    return Base64.getEncoder().encode(mac);
  }

  private static byte[] signedContent(String url, Map<String, List<String>> form) {
    StringBuilder content = new StringBuilder(url);
    // Names, and a repeated name's values, in String order with duplicate values once: what
    // twilio-python does and its published repeated-name vector confirms.
    for (String name : new TreeSet<>(form.keySet())) {
      for (String value : new TreeSet<>(form.get(name))) {
        content.append(name).append(value);
      }
    }
    return content.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code bodySHA256} query parameter, if the URL has one. */
  private static Optional<String> bodyHash(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    int fragment = url.indexOf('#', query);
    String text = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(name).equals(BODY_HASH_PARAMETER)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  /** Either case of hex is accepted: the value is also covered by the URL's signature. */
  private static boolean bodyMatches(byte[] body, String expectedHex) {
    if (!SHA256_HEX.matcher(expectedHex).matches()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(body), HexFormat.of().parseHex(expectedHex));
  }

  /**
   * The URL with its port removed and with the default port added, as twilio-java tries them; the
   * URL as given is always one of the two.
   */
  static Set<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      variants.add(url);
      return variants;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    // The port follows the last ':' after any user info and after an IPv6 literal's ']'.
    int hostStart = Math.max(authority.lastIndexOf('@'), authority.lastIndexOf(']'));
    int colon = authority.indexOf(':', hostStart + 1);
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String before = url.substring(0, authorityStart);
    String after = url.substring(authorityEnd);
    if (colon >= 0) {
      variants.add(url);
      variants.add(before + host + after);
    } else {
      String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      String port = scheme.equals("https") ? "443" : "80";
      variants.add(before + host + ":" + port + after);
      variants.add(url);
    }
    return variants;
  }

  private static SecretKeySpec key(Secret token) {
    return new SecretKeySpec(token.bytes(), "HmacSHA1");
  }

  /** Mac.getInstance looks up a provider every time; one instance per thread is kept instead. */
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA1 is unavailable", e);
            }
          });

  private static byte[] hmac(SecretKeySpec key, byte[] content) {
    try {
      Mac mac = MAC.get();
      mac.init(key);
      return mac.doFinal(content);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the auth token cannot key HmacSHA1", e);
    }
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
