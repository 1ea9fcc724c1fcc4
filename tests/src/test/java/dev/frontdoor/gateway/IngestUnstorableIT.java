package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An entry the table cannot hold as an item (a number beyond DynamoDB's range or precision, maps
 * nested deeper than 32 levels) is kept as a raw event, and every other entry of the delivery is
 * stored: one bad entry no longer fails the whole webhook on every retry.
 */
class IngestUnstorableIT extends InboundScenario {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 600;
  private static final String WA_ID = "27825550202";

  @Test
  void badEntries_betweenGoodMessages_areKeptRawAndTheRestIsStored() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    String deep = "{\"n\":".repeat(40) + "1" + "}".repeat(40);
    List<String> entries = new ArrayList<>();
    entries.add(message("wamid.good-first-" + run, "first good", ""));
    // 40 significant digits; 1e400 (beyond any double); 1e-200 (below 1E-130); 40 levels deep
    entries.add(
        message(
            "wamid.bad-digits-" + run, "digits", ",\"referral\":{\"n\":" + "1".repeat(40) + "}"));
    entries.add(message("wamid.bad-huge-" + run, "huge", ",\"referral\":{\"n\":1e400}"));
    entries.add(message("wamid.bad-tiny-" + run, "tiny", ",\"referral\":{\"n\":1e-200}"));
    entries.add(message("wamid.bad-deep-" + run, "deep", ",\"referral\":" + deep));
    entries.add(message("wamid.good-last-" + run, "last good", ""));
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"27105550100\",\"phone_number_id\":\""
            + Webhooks.PHONE_NUMBER_ID
            + "\"},\"messages\":["
            + String.join(",", entries)
            + "],\"statuses\":["
            + status("wamid.bad-status-" + run)
            + "]}}]}]}";
    int rawBefore = raw("RAW#unstorable:message").size() + raw("RAW#unstorable:status").size();

    // WHEN the signed delivery arrives
    HttpResponse<String> response = gateway.deliver(body.getBytes(StandardCharsets.UTF_8));

    // THEN it is answered 200, every entry counted as new
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(response.body()).get("new").asInt()).isEqualTo(7);
    // AND both good messages are in the thread, the bad ones not
    JsonNode items = gateway.thread("+" + WA_ID, "limit=100").get("items");
    List<String> bodies = new ArrayList<>();
    items.forEach(item -> bodies.add(item.path("body").asText()));
    assertThat(bodies).containsExactly("first good", "last good");
    // AND each bad entry is kept whole, as its JSON text, with the reason
    List<Map<String, AttributeValue>> kept = raw("RAW#unstorable:message");
    for (String bad : List.of("digits", "huge", "tiny", "deep")) {
      assertThat(kept)
          .as(bad)
          .anySatisfy(
              item -> {
                assertThat(item.get("json").s()).contains("wamid.bad-" + bad + "-" + run);
                assertThat(item.get("reason").s()).startsWith("the table cannot store");
                assertThat(item.get("entity").s()).isEqualTo("raw_event");
              });
    }
    assertThat(raw("RAW#unstorable:status"))
        .anySatisfy(item -> assertThat(item.get("json").s()).contains("wamid.bad-status-" + run));
    // AND Meta's retry stores nothing new and is answered 200 again
    HttpResponse<String> retry = gateway.deliver(body.getBytes(StandardCharsets.UTF_8));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(retry.body()).get("new").asInt()).isZero();
    int rawAfter = raw("RAW#unstorable:message").size() + raw("RAW#unstorable:status").size();
    assertThat(rawAfter - rawBefore).isEqualTo(5);
    System.out.printf(
        "FIGURE unstorable entries: 5 bad entries (40 digits, 1e400, 1e-200, 40 levels, a status"
            + " with 1e-200 pricing) between 2 good messages -> 200, good ones in the thread, bad"
            + " ones kept raw%n");
  }

  private static String message(String wamid, String text, String extra) {
    return "{\"from\":\""
        + WA_ID
        + "\",\"id\":\""
        + wamid
        + "\",\"timestamp\":\""
        + NOW_S
        + "\",\"type\":\"text\",\"text\":{\"body\":\""
        + text
        + "\"}"
        + extra
        + "}";
  }

  /** A status of an unknown wamid (kept pending) whose pricing holds a number below 1E-130. */
  private static String status(String wamid) {
    return "{\"id\":\""
        + wamid
        + "\",\"status\":\"sent\",\"timestamp\":\""
        + NOW_S
        + "\",\"recipient_id\":\""
        + WA_ID
        + "\",\"pricing\":{\"billable\":true,\"rate\":1e-200}}";
  }

  private static List<Map<String, AttributeValue>> raw(String pk) {
    return gateway.partition(pk);
  }
}
