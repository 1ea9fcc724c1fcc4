package dev.frontdoor.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.CustomerNumber;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
  private static final String CUSTOMER = "+27821234567";
  private static final String KEY =
      "EV#1749416383000#MSG#wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

  @Test
  void encode_thenDecode_isTheSamePosition() {
    Cursor cursor = new Cursor(CUSTOMER, KEY);
    assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.encode()).doesNotContain("=", "+", "/");
  }

  @Test
  void decode_keyOverDynamoDbsSortKeyLimit_isRefusedNamingTheLimit() {
    // GIVEN 400 three-byte characters: 400 characters, 1,200 UTF-8 bytes (the limit is 1,024)
    String id = "€".repeat(400);
    String token =
        token("{\"customer\":\"" + CUSTOMER + "\",\"sk\":\"EV#1749416383000#MSG#" + id + "\"}");
    // WHEN / THEN
    assertThatThrownBy(() -> Cursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("longer than 1024 bytes");
  }

  @Test
  void decode_keyAtTheLimit_isAccepted() {
    String prefix = "EV#1749416383000#MSG#";
    String key = prefix + "a".repeat(1024 - prefix.length());
    assertThat(Cursor.decode(new Cursor(CUSTOMER, key).encode()).sortKey()).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "EV#1749416383000#MSG#",
        "EV#174941638300#MSG#x",
        "EV#17494163830000#MSG#x",
        "EV#1749416383000#FAX#x",
        "EV#1749416383000MSG#x",
        "THREAD",
        "OPTOUT",
        "PACE#106540352242922",
        "ev#1749416383000#MSG#x",
        "EV#1749416383000#MSG#a\u0000b",
        "EV#1749416383000#MSG#a\nb",
      })
  void decode_keyNotInTheTimelineFormat_isRefused(String key) {
    String token = token("{\"customer\":\"" + CUSTOMER + "\",\"sk\":" + json(key) + "}");
    assertThatThrownBy(() -> Cursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("timeline key");
  }

  @Test
  void decode_loneSurrogate_isRefused() {
    String token =
        token("{\"customer\":\"" + CUSTOMER + "\",\"sk\":\"EV#1749416383000#MSG#\\ud800\"}");
    assertThatThrownBy(() -> Cursor.decode(token)).isInstanceOf(InvalidCursorException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64!",
        "zzz",
        "",
      })
  void decode_notBase64OrNotJson_isRefused(String token) {
    assertThatThrownBy(() -> Cursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("cursor");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"EV#1749416383000#MSG#x\"",
        "{\"sk\":\"EV#1749416383000#MSG#x\"}",
        "{\"customer\":\"+27821234567\"}",
        "{\"customer\":\"+27821234567\",\"sk\":1}",
        "{\"customer\":\"+27821234567\",\"sk\":\"EV#1749416383000#MSG#x\",\"pk\":\"CUST#x\"}",
      })
  void decode_wrongShape_isRefused(String json) {
    assertThatThrownBy(() -> Cursor.decode(token(json)))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("wrong shape");
  }

  @Test
  void decode_bareSortKey_isRefused() {
    // The earlier format (base64url of the key alone) did not say whose thread it was in.
    assertThatThrownBy(() -> Cursor.decode(token(KEY))).isInstanceOf(InvalidCursorException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"27821234567", "+0821234567", "CUST#+27821234567", "+2782123456789012"})
  void decode_customerNotE164_isRefused(String customer) {
    String token = token("{\"customer\":\"" + customer + "\",\"sk\":\"" + KEY + "\"}");
    assertThatThrownBy(() -> Cursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("customer");
  }

  @Test
  void decode_tooLongToken_isRefusedBeforeDecoding() {
    assertThatThrownBy(() -> Cursor.decode("A".repeat(20_000)))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void threadQuery_cursorOfAnotherCustomer_isRefused() {
    CustomerNumber customer = CustomerNumber.parse(CUSTOMER, "ZA");
    Cursor other = new Cursor("+27829999999", KEY);
    assertThatThrownBy(() -> new ThreadQuery(customer, Optional.of(other), Optional.empty(), 10))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("another customer");
    assertThatThrownBy(() -> new ThreadQuery(customer, Optional.empty(), Optional.of(other), 10))
        .isInstanceOf(InvalidCursorException.class);
    assertThat(
            new ThreadQuery(customer, Optional.of(new Cursor(CUSTOMER, KEY)), Optional.empty(), 10)
                .before())
        .isPresent();
  }

  private static String token(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String json(String text) {
    return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
  }
}
