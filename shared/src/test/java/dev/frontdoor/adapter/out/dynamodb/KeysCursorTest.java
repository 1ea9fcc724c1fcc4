package dev.frontdoor.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.Cursor;
import dev.frontdoor.threads.InvalidCursorException;
import org.junit.jupiter.api.Test;

/** The cursor's key check and the table's timeline key format are one format. */
class KeysCursorTest {
  private static final CustomerNumber CUSTOMER = CustomerNumber.parse("+27821234567", "ZA");

  @Test
  void everyTimelineKeyTheStoresWrite_isAValidCursor() {
    long at = 1749416383000L;
    String wamid = "wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    String ulid = "01JX8NFBVGK3M7Q2R5T8W1Y4ZC";
    for (String key :
        new String[] {
          Keys.timeline(at, "MSG", wamid),
          Keys.timeline(at, "MSG", ulid),
          Keys.timeline(at, "STATUS", wamid + "#delivered"),
          Keys.timeline(at, "CALL", ulid),
          Keys.timeline(at, "CALLEV", ulid + "#ringing#2"),
          Keys.timeline(at, "SUM", ulid),
          Keys.timeline(0, "MSG", "x"),
        }) {
      Cursor cursor = new Cursor(CUSTOMER.e164(), key);
      assertThat(Cursor.decode(cursor.encode()).sortKey()).isEqualTo(key);
    }
  }

  @Test
  void keysOutsideTheTimeline_areNotCursors() {
    for (String key : new String[] {Keys.THREAD, Keys.OPTOUT, Keys.pace("106540352242922")}) {
      assertThatThrownBy(() -> new Cursor(CUSTOMER.e164(), key))
          .isInstanceOf(InvalidCursorException.class);
    }
    // a time range's start key has no kind and id: not a position of an item
    assertThatThrownBy(() -> new Cursor(CUSTOMER.e164(), Keys.timelineFrom(1749416383000L)))
        .isInstanceOf(InvalidCursorException.class);
  }
}
