package dev.frontdoor.domain.thread;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** An opaque position in a timeline: base64url of a timeline sort key. */
public record Cursor(String sortKey) {
  private static final Pattern TIMELINE_KEY = Pattern.compile("EV#\\d{13}#[A-Z]+#[^\\s]{1,400}");

  public Cursor {
    if (sortKey == null || !TIMELINE_KEY.matcher(sortKey).matches()) {
      throw new IllegalArgumentException("not a timeline cursor");
    }
  }

  public static Cursor decode(String token) {
    try {
      return new Cursor(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the cursor is not one this API issued");
    }
  }

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }
}
