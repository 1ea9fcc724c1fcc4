package dev.frontdoor.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaMessagesSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MetaMessagesSchema SCHEMA = MetaMessagesSchema.shared();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A body as Meta's docs show it, with {@code payload} being the type-specific part. */
  static ObjectNode message(String type, String payload) {
    return (ObjectNode)
        json(
            "{'messaging_product':'whatsapp','recipient_type':'individual','to':'+16505551234',"
                + "'type':'"
                + type
                + "','biz_opaque_callback_data':'ticket-42'"
                + (payload.isEmpty() ? "" : "," + payload)
                + "}");
  }

  static final Map<String, ObjectNode> VALID =
      Map.of(
          "text",
          message("text", "'text':{'preview_url':false,'body':'Hello, how can we help?'}"),
          "template",
          message(
              "template",
              "'template':{'name':'order_update','language':{'code':'en_US'},'components':[{'type':'body',"
                  + "'parameters':[{'type':'text','text':'A-1001'}]},{'type':'button','sub_type':'quick_reply',"
                  + "'index':'0','parameters':[{'type':'payload','payload':'TRACK'}]}]}"),
          "image-by-id",
          message("image", "'image':{'id':'1479537139650973','caption':'Your receipt'}"),
          "image-by-link",
          message(
              "image", "'image':{'link':'https://example.com/receipt.jpg','caption':'Receipt'}"),
          "interactive-button",
          message(
              "interactive",
              "'interactive':{'type':'button','body':{'text':'Was this helpful?'},'footer':{'text':'Frontdoor'},"
                  + "'action':{'buttons':[{'type':'reply','reply':{'id':'yes','title':'Yes'}},"
                  + "{'type':'reply','reply':{'id':'no','title':'No'}}]}}"),
          "reaction",
          message(
              "reaction",
              "'reaction':{'message_id':'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTND','emoji':'\\uD83D\\uDE00'}"),
          "location",
          message(
              "location",
              "'location':{'latitude':'-33.9249','longitude':'18.4241','name':'Office','address':'1 Main Rd'}"),
          "contacts",
          message(
              "contacts",
              "'contacts':[{'name':{'formatted_name':'John Smith','first_name':'John','last_name':'Smith'},"
                  + "'phones':[{'phone':'+1 (650) 555-1234','type':'WORK','wa_id':'16505551234'}],"
                  + "'emails':[{'email':'john@example.com','type':'WORK'}],"
                  + "'org':{'company':'Example','title':'Manager'},"
                  + "'addresses':[{'street':'1 Hacker Way','city':'Menlo Park','zip':'94025','country_code':'us','type':'WORK'}],"
                  + "'urls':[{'url':'https://example.com','type':'WORK'}]}]"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text",
        "template",
        "image-by-id",
        "image-by-link",
        "interactive-button",
        "reaction",
        "location",
        "contacts"
      })
  void documentedBodiesAreValid(String name) {
    assertThat(SCHEMA.validate(VALID.get(name))).isEmpty();
  }

  @Test
  void extractsTheMessageOneOfWithItsReferences() {
    JsonNode schema = SCHEMA.schema();
    assertThat(schema.path("$ref").asText()).isEqualTo("#/$defs/Message");
    assertThat(schema.at("/$defs/Message/oneOf").size()).isEqualTo(11);
    assertThat(schema.at("/$defs/Message/discriminator/mapping/text").asText())
        .isEqualTo("#/$defs/TextMessage");
    assertThat(schema.path("$defs").has("ContactObject")).isTrue();
  }

  /**
   * Every example the spec gives for the operation passes, except five that Meta's API itself would
   * refuse or that the spec's schema does not model: a placeholder header type, two payment
   * interactive types (order_details, order_status), a list message without "type": "interactive",
   * and the read-receipt/typing-indicator body (a different request on the same path).
   */
  @Test
  void theSpecsOwnExamplesAreValidExceptKnownGaps() {
    List<String> failing = new ArrayList<>();
    int checked = 0;
    for (var it = SCHEMA.examples().fields(); it.hasNext(); ) {
      var example = it.next();
      checked++;
      if (!SCHEMA.validate(example.getValue().path("value")).isEmpty()) {
        failing.add(example.getKey());
      }
    }
    assertThat(checked).isEqualTo(50);
    assertThat(failing)
        .containsExactlyInAnyOrder(
            "Send Multi-Product Message",
            "Send Order Details Message",
            "Send Order Status Message",
            "Send Reply to List Message",
            "Send typing indicator and read receipt");
  }

  @Test
  void missingToIsReported() {
    ObjectNode body = VALID.get("text").deepCopy();
    body.remove("to");
    assertThat(SCHEMA.validate(body)).containsExactly("The parameter to is required.");
  }

  @Test
  void missingMessagingProductIsReported() {
    ObjectNode body = VALID.get("text").deepCopy();
    body.remove("messaging_product");
    assertThat(SCHEMA.validate(body))
        .containsExactly("The parameter messaging_product is required.");
  }

  @Test
  void aFieldOfTheWrongTypeIsReported() {
    ObjectNode body = VALID.get("text").deepCopy();
    body.put("text", "hello");
    assertThat(SCHEMA.validate(body))
        .containsExactly("Param text must be an object, not a string.");
    ObjectNode numericTo = VALID.get("text").deepCopy();
    numericTo.put("to", 16505551234L);
    assertThat(SCHEMA.validate(numericTo))
        .containsExactly("Param to must be a string, not a number.");
  }

  @Test
  void anUnknownTypeIsReportedWithTheKnownOnes() {
    ObjectNode body = message("hologram", "'hologram':{'id':'1'}");
    body.remove("to");
    List<String> problems = SCHEMA.validate(body);
    assertThat(problems.get(0))
        .startsWith("Param type must be one of {text, audio, document, image,")
        .endsWith("- got \"hologram\".");
    assertThat(problems).contains("The parameter to is required.");
  }

  @Test
  void unexpectedKeysAndMissingPartsAreReported() {
    ObjectNode body = VALID.get("text").deepCopy();
    body.put("colour", "blue");
    assertThat(SCHEMA.validate(body))
        .containsExactly("Unexpected key \"colour\" on param \"message\".");
    assertThat(SCHEMA.validate(message("image", "'image':{'caption':'no media'}")))
        .singleElement()
        .asString()
        .startsWith("Param image matches none of its 2 allowed forms")
        .contains("The parameter image.id is required.");
    assertThat(SCHEMA.validate(message("text", "")))
        .containsExactly("The parameter text is required.");
  }

  @Test
  void typeDefaultsToText() {
    ObjectNode body = VALID.get("text").deepCopy();
    body.remove("type");
    assertThat(SCHEMA.validate(body)).isEmpty();
  }

  @Test
  void aNonObjectBodyIsRefused() {
    assertThat(SCHEMA.validate(json("[1]")))
        .containsExactly("The request body must be a JSON object.");
  }
}
