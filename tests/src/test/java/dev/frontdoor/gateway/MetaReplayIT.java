package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every webhook example Meta published, signed and replayed through the template's route into the
 * local engine; each lands where it belongs, a second replay stores nothing new.
 */
class MetaReplayIT extends InboundScenario {
  private static final Set<String> KNOWN_TYPES =
      Set.of(
          "text",
          "image",
          "audio",
          "video",
          "document",
          "sticker",
          "location",
          "contacts",
          "interactive",
          "button",
          "reaction",
          "order",
          "system");

  private static final Map<String, String> FIRST_TYPE_BY_WAMID = new java.util.HashMap<>();

  @Test
  void replay_everyPublishedJsonExample_landsWhereItBelongsOnce() throws Exception {
    List<Path> examples = MetaFixtureFiles.matching(".json");
    assertThat(examples).hasSizeGreaterThan(20);
    List<String> landed = new ArrayList<>();
    for (Path example : examples) {
      byte[] body = Files.readAllBytes(example);
      // WHEN the example is delivered, signed, twice
      HttpResponse<String> first = gateway.deliver(body);
      int itemsAfterFirst = gateway.itemCount();
      HttpResponse<String> second = gateway.deliver(body);
      // THEN both are 200, the second stores nothing new
      assertThat(first.statusCode()).as(example.getFileName() + ": " + first.body()).isEqualTo(200);
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(InboundGateway.JSON.readTree(second.body()).get("new").asInt())
          .as(example.getFileName() + " replayed")
          .isZero();
      assertThat(gateway.itemCount())
          .as(example.getFileName() + " replayed")
          .isEqualTo(itemsAfterFirst);
      landed.addAll(
          checkLanded(example.getFileName().toString(), InboundGateway.JSON.readTree(body)));
    }
    System.out.printf(
        "FIGURE meta replay: %d examples, %d entries checked in place%n",
        examples.size(), landed.size());
  }

  @Test
  void replay_everyMessageExample_stampedAMinuteAgo_opensItsNumbersWindow() throws Exception {
    // Meta's examples are years old; re-stamped (and re-numbered, so they are new messages), each
    // kind of customer message must open the window with the number it was sent to.
    long stamp = System.currentTimeMillis() / 1000 - 60;
    List<String> opened = new ArrayList<>();
    for (Path example : MetaFixtureFiles.matching(".json")) {
      JsonNode webhook = InboundGateway.JSON.readTree(Files.readAllBytes(example));
      Map<String, String> numberByCustomer = new java.util.LinkedHashMap<>();
      for (JsonNode entry : webhook.path("entry")) {
        for (JsonNode change : entry.path("changes")) {
          String number = change.path("value").path("metadata").path("phone_number_id").asText();
          if (!change.path("field").asText().equals("messages") || number.isEmpty()) {
            continue;
          }
          for (JsonNode message : change.path("value").path("messages")) {
            String from = message.path("from").asText();
            if (from.matches("\\d{7,15}")
                && message.path("timestamp").asText().matches("\\d+")
                && message instanceof ObjectNode restamped) {
              restamped.put("timestamp", Long.toString(stamp));
              restamped.put("id", message.path("id").asText() + ".restamped");
              numberByCustomer.put(from, number);
            }
          }
        }
      }
      if (numberByCustomer.isEmpty()) {
        continue;
      }
      HttpResponse<String> response =
          gateway.deliver(InboundGateway.JSON.writeValueAsBytes(webhook));
      assertThat(response.statusCode()).as(example.getFileName().toString()).isEqualTo(200);
      numberByCustomer.forEach(
          (from, number) -> {
            assertThat(gateway.thread("+" + from, "limit=1").path("windows"))
                .as(example.getFileName() + ": the window with " + number)
                .anySatisfy(
                    window -> {
                      assertThat(window.path("business_number_id").asText()).isEqualTo(number);
                      assertThat(window.path("last_inbound_at").asLong()).isEqualTo(stamp * 1000);
                      assertThat(window.path("open").asBoolean()).isTrue();
                    });
            opened.add(example.getFileName().toString());
          });
    }
    assertThat(opened).hasSizeGreaterThan(10);
    System.out.printf(
        "FIGURE meta replay re-stamped: %d message examples each opened their window%n",
        opened.size());
  }

  @Test
  void replay_publishedExamplesThatAreNotJson_are400WithReason() {
    List<Path> examples = MetaFixtureFiles.matching(".published.txt");
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      byte[] body = MetaFixtureFiles.read(example.getFileName().toString());
      HttpResponse<String> response = gateway.deliver(body);
      assertThat(response.statusCode()).as(example.getFileName().toString()).isEqualTo(400);
      assertThat(response.body()).contains("not valid JSON");
    }
  }

  /** Checks each entry of an example is stored where the data model puts it. */
  private static List<String> checkLanded(String name, JsonNode webhook) {
    List<String> checked = new ArrayList<>();
    for (JsonNode entry : webhook.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        String field = change.path("field").asText();
        JsonNode value = change.path("value");
        if (!field.equals("messages") && !field.equals("calls")) {
          assertThat(gateway.partition("RAW#field:" + field)).as(name).isNotEmpty();
          checked.add(name + ":" + field);
          continue;
        }
        for (JsonNode message : value.path("messages")) {
          checked.add(checkMessage(name, message));
        }
        for (JsonNode status : value.path("statuses")) {
          checked.add(checkStatus(name, status));
        }
      }
    }
    return checked;
  }

  private static String checkMessage(String name, JsonNode message) {
    String from = message.path("from").asText();
    if (!from.matches("\\d{7,15}") || !message.path("timestamp").asText().matches("\\d+")) {
      assertKeptRaw(name, "RAW#unroutable:message");
      return name + ":unroutable";
    }
    String wamid = message.path("id").asText();
    JsonNode items = gateway.thread("+" + from, "limit=200").path("items");
    JsonNode stored = null;
    long at = message.path("timestamp").asLong() * 1000;
    for (JsonNode item : items) {
      if (wamid.equals(item.path("wamid").asText())
          && "message".equals(item.path("entity").asText())
          && item.path("at").asLong() == at) {
        stored = item;
      }
    }
    assertThat(stored).as(name + ": message " + wamid + " in the thread").isNotNull();
    String metaType = message.path("type").asText();
    // Several of Meta's examples reuse one wamid and timestamp: the first stored is the message,
    // later ones are duplicates of it (insert-once on the provider's id).
    String expectedType =
        FIRST_TYPE_BY_WAMID.computeIfAbsent(
            wamid + "@" + at, id -> KNOWN_TYPES.contains(metaType) ? metaType : "unsupported");
    assertThat(stored.path("type").asText()).as(name).isEqualTo(expectedType);
    assertThat(stored.path("direction").asText()).isEqualTo("in");
    if (expectedType.equals("unsupported")) {
      assertThat(stored.path("raw").asText()).as(name + " keeps the original").contains(wamid);
    }
    if (message.path("text").has("body") && expectedType.equals(metaType)) {
      assertThat(stored.path("body").asText())
          .isEqualTo(message.path("text").path("body").asText());
    }
    return name + ":" + wamid;
  }

  /** An entry that cannot be routed is kept raw: alone, or with its whole change. */
  private static void assertKeptRaw(String name, String entryPartition) {
    assertThat(
            gateway.partition(entryPartition).size()
                + gateway.partition("RAW#unroutable:messages").size())
        .as(name + " kept raw")
        .isPositive();
  }

  private static String checkStatus(String name, JsonNode status) {
    String wamid = status.path("id").asText();
    String recipient = status.path("recipient_id").asText();
    if (!recipient.matches("\\d{7,15}") || !status.path("timestamp").asText().matches("\\d+")) {
      assertKeptRaw(name, "RAW#unroutable:status");
      return name + ":unroutable";
    }
    // No message of ours has this wamid: the status waits, kept, for its message.
    assertThat(gateway.partition("WAMID#" + wamid))
        .as(name + ": pending status")
        .anySatisfy(
            item ->
                assertThat(item.get("sk").s())
                    .startsWith("PENDING#" + status.path("status").asText()));
    return name + ":" + wamid;
  }
}
