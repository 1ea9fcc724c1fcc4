package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.WhatsAppCallEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What each published example yields, in order ("message:<type>", "status:", "raw:<kind>"). */
  private static final Map<String, List<String>> EXPECTED_KINDS =
      Map.ofEntries(
          Map.entry("button.json", List.of("message:button")),
          Map.entry("contacts.json", List.of("message:contacts")),
          Map.entry("errors_unknown_message.json", List.of("message:unsupported")),
          Map.entry(
              "group_lifecycle_update_create.json", List.of("raw:field:group_lifecycle_update")),
          Map.entry(
              "group_participants_update_remove.json",
              List.of("raw:field:group_participants_update")),
          Map.entry("group_settings_update.json", List.of("raw:field:group_settings_update")),
          Map.entry("image.json", List.of("message:image")),
          Map.entry("interactive_button_reply.json", List.of("message:interactive")),
          Map.entry("interactive_list_reply.json", List.of("message:interactive")),
          Map.entry("location.json", List.of("message:location")),
          Map.entry("order.json", List.of("message:order")),
          Map.entry("reaction.json", List.of("message:reaction")),
          Map.entry(
              "status_payment_order_details.json",
              // its metadata.phone_number_id is a placeholder: the whole change is kept raw
              List.of("raw:unroutable:messages")),
          Map.entry("status_sent.json", List.of("status:sent")),
          Map.entry("sticker.json", List.of("raw:unroutable:messages")),
          Map.entry("system.json", List.of("message:system")),
          Map.entry("text.json", List.of("message:text")),
          Map.entry("text_context_product_inquiry.json", List.of("message:text")),
          // Postman example: "from" is the placeholder "<FROM_PHONE_NUMBER>"
          Map.entry("text_identity_security_notification.json", List.of("raw:unroutable:message")),
          Map.entry("text_referral_click_to_whatsapp_ad.json", List.of("message:text")),
          Map.entry("unsupported.json", List.of("message:unsupported")));

  private static final String CUSTOMER_WA_ID = Sensitive.CUSTOMER_E164.substring(1);
  private static final String SECOND_WA_ID = Sensitive.SECOND_CUSTOMER_E164.substring(1);
  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String DISPLAY_NUMBER = "15550783881";
  private static final String WABA_ID = "419561257915477";

  private final WebhookParser parser = new WebhookParser("ZA");

  // ---------------------------------------------------------------- published examples

  static Stream<String> publishedJsonExamples() {
    return MetaSpecs.webhookNames(".json").stream();
  }

  static Stream<String> publishedTextExamples() {
    return MetaSpecs.webhookNames(".published.txt").stream();
  }

  @Test
  void publishedExamples_areAllPresent_everyOneHasAnExpectation() {
    // GIVEN the shared webhook examples directory
    // WHEN its JSON files are listed
    List<String> names = MetaSpecs.webhookNames(".json");

    // THEN they are exactly the examples this suite classifies, and the invalid ones are there too
    assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED_KINDS.keySet());
    assertThat(MetaSpecs.webhookNames(".published.txt")).hasSize(8);
  }

  @ParameterizedTest
  @MethodSource("publishedJsonExamples")
  void parse_publishedJsonExample_yieldsTheExpectedKindAndDropsNothing(String name) {
    // GIVEN one of Meta's published webhook examples
    byte[] body = MetaSpecs.webhook(name);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(body);

    // THEN it yields exactly the expected kind of result
    assertThat(kinds(batch)).as(name).isEqualTo(EXPECTED_KINDS.get(name));
  }

  @ParameterizedTest
  @MethodSource("publishedTextExamples")
  void parse_publishedExampleThatIsNotJson_isMalformed(String name) {
    // GIVEN a published example whose placeholders (TIMESTAMP, PHONE_NUMBER) are unquoted
    byte[] body = MetaSpecs.webhook(name);

    // WHEN it is parsed
    // THEN it is refused as malformed, as Meta's placeholders would be
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body is not valid JSON");
  }

  @Test
  void parse_textExample_yieldsOneTextMessageWithEveryField() {
    // GIVEN Meta's text message example
    byte[] body = MetaSpecs.webhook("text.json");

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(body);

    // THEN one text message carries the body, the customer, the business number and the profile
    assertThat(batch.size()).isEqualTo(1);
    InboundMessage message = batch.messages().get(0);
    assertThat(message.wamid())
        .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(message.customer().value()).isEqualTo("+16505551234");
    assertThat(message.business())
        .isEqualTo(new BusinessNumber(PHONE_NUMBER_ID, DISPLAY_NUMBER, WABA_ID));
    assertThat(message.atMillis()).isEqualTo(1_749_416_383_000L);
    assertThat(message.type()).isEqualTo("text");
    assertThat(message.metaType()).isEqualTo("text");
    assertThat(message.body()).isEqualTo("Does it come in another color?");
    assertThat(message.bodyTruncated()).isFalse();
    assertThat(message.details()).isEmpty();
    assertThat(message.raw()).isNull();
    assertThat(message.rawTruncated()).isFalse();
    assertThat(message.profileName()).isEqualTo("Sheena Nelson");
  }

  @Test
  void parse_imageExample_keepsMediaReferenceAndCaptionAsBody() {
    // GIVEN Meta's image message example
    // WHEN it is parsed
    InboundMessage message = onlyMessage("image.json");

    // THEN the media is kept by reference (id, mime type, hash) and the caption is the body
    assertThat(message.type()).isEqualTo("image");
    assertThat(message.body()).isEqualTo("Taj Mahal");
    assertThat(message.details()).containsOnlyKeys("media");
    assertThat(message.details().get("media"))
        .isEqualTo(
            Map.of(
                "id", "1003383421387256",
                "mime_type", "image/jpeg",
                "sha256", "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI="));
    assertThat(message.raw()).isNull();
  }

  @ParameterizedTest
  @MethodSource("otherMedia")
  void parse_audioVideoAndDocument_keepTheirMediaReferenceAndOwnFields(
      String type, String media, Map<String, Object> expected, String body) throws Exception {
    // GIVEN Meta's image example carrying another media type, as Meta sends each
    ObjectNode webhook = (ObjectNode) JSON.readTree(MetaSpecs.webhook("image.json"));
    ObjectNode message = (ObjectNode) webhook.at("/entry/0/changes/0/value/messages/0");
    message.remove("image");
    message.put("type", type);
    message.set(type, JSON.readTree(media));

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(JSON.writeValueAsBytes(webhook));

    // THEN it is kept by reference, with its own fields (a voice note, a document's file name)
    assertThat(parsed.type()).isEqualTo(type);
    assertThat(parsed.details().get("media")).isEqualTo(expected);
    assertThat(parsed.body()).isEqualTo(body);
    assertThat(parsed.raw()).isNull();
  }

  static Stream<Arguments> otherMedia() {
    String sha = "2M8f1cL2pL1xXq3bXh2ZJ4m1YQ5b3p0l9c6Y7t8r9s0=";
    return Stream.of(
        Arguments.of(
            "audio",
            "{\"mime_type\":\"audio/ogg; codecs=opus\",\"sha256\":\""
                + sha
                + "\",\"id\":\"1146289350596851\",\"voice\":true}",
            Map.of(
                "id",
                "1146289350596851",
                "mime_type",
                "audio/ogg; codecs=opus",
                "sha256",
                sha,
                "voice",
                true),
            null),
        Arguments.of(
            "video",
            "{\"caption\":\"Unboxing\",\"mime_type\":\"video/mp4\",\"sha256\":\""
                + sha
                + "\",\"id\":\"1146289350596852\"}",
            Map.of("id", "1146289350596852", "mime_type", "video/mp4", "sha256", sha),
            "Unboxing"),
        Arguments.of(
            "document",
            "{\"caption\":\"My invoice\",\"filename\":\"invoice-0042.pdf\","
                + "\"mime_type\":\"application/pdf\",\"sha256\":\""
                + sha
                + "\",\"id\":\"1146289350596853\"}",
            Map.of(
                "id", "1146289350596853",
                "mime_type", "application/pdf",
                "sha256", sha,
                "filename", "invoice-0042.pdf"),
            "My invoice"));
  }

  @Test
  void parse_interactiveButtonReplyExample_keepsReplyWithKindAndTitleAsBody() {
    // GIVEN Meta's interactive button reply example (a reply, so it has a context)
    // WHEN it is parsed
    InboundMessage message = onlyMessage("interactive_button_reply.json");

    // THEN the reply is kept with its kind, the title is the body, and the context is kept
    assertThat(message.type()).isEqualTo("interactive");
    assertThat(message.body()).isEqualTo("Cancel");
    assertThat(message.details().get("reply"))
        .isEqualTo(Map.of("kind", "button_reply", "id", "cancel-button", "title", "Cancel"));
    assertThat(message.details().get("context"))
        .isEqualTo(
            Map.of(
                "from",
                "15550783881",
                "id",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA"));
  }

  /**
   * A customer's answer to a call permission request. Built, not published: Meta publishes no
   * example of this reply in an openly licensed place, and the v23.0 OpenAPI spec has only the
   * request ({@code InteractiveObject.type} / {@code ActionObject.name} {@code
   * call_permission_request}). The shape is the published interactive reply
   * (interactive_button_reply.json) with the reply object as whatsapp-api-js types it
   * (https://whatsappapijs.web.app/types/types.ServerInteractiveCallPermissionMessage.html): {@code
   * {response: accept|reject, is_permanent, expiration_timestamp (unix s), response_source:
   * user_action|automatic}}. Meta's calling guide says the permission is the business phone
   * number's, temporary or permanent
   * (https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/business-initiated-calls/).
   */
  @Test
  void parse_callPermissionReply_keepsTheReply_andItsPermissionReads() {
    String reply =
        """
        {"context": {"from": "%s", "id": "wamid.request-1"},
         "from": "%s", "id": "wamid.cpr-1", "timestamp": "1750025136",
         "type": "interactive",
         "interactive": {"type": "call_permission_reply",
           "call_permission_reply": {"response": "accept", "is_permanent": false,
             "expiration_timestamp": 1750629936, "response_source": "user_action"}}}
        """
            .formatted(DISPLAY_NUMBER, CUSTOMER_WA_ID);

    InboundMessage message = onlyMessage(webhook("messages", messagesValue(reply)));

    assertThat(message.type()).isEqualTo("interactive");
    assertThat(message.body()).isNull();
    assertThat(message.details().get("reply"))
        .isEqualTo(
            Map.of(
                "kind",
                "call_permission_reply",
                "response",
                "accept",
                "is_permanent",
                false,
                "expiration_timestamp",
                1750629936,
                "response_source",
                "user_action"));
    CallPermission permission = CallPermission.of(message).orElseThrow();
    assertThat(permission)
        .isEqualTo(
            new CallPermission(
                PHONE_NUMBER_ID,
                "accept",
                false,
                Optional.of(1_750_629_936_000L),
                1_750_025_136_000L,
                "wamid.cpr-1",
                Optional.of("user_action")));
    assertThat(permission.statusAt(1_750_629_935_999L)).isEqualTo("granted");
    assertThat(permission.statusAt(1_750_629_936_000L)).isEqualTo("expired");
  }

  @Test
  void parse_callPermissionReply_rejectedPermanentOrMalformed() {
    String rejected =
        """
        {"from": "%s", "id": "wamid.cpr-2", "timestamp": "1750025136", "type": "interactive",
         "interactive": {"type": "call_permission_reply",
           "call_permission_reply": {"response": "reject", "response_source": "user_action"}}}
        """
            .formatted(CUSTOMER_WA_ID);
    String permanent =
        """
        {"from": "%s", "id": "wamid.cpr-3", "timestamp": "1750025137", "type": "interactive",
         "interactive": {"type": "call_permission_reply",
           "call_permission_reply": {"response": "accept", "is_permanent": true}}}
        """
            .formatted(CUSTOMER_WA_ID);
    String unknownResponse =
        """
        {"from": "%s", "id": "wamid.cpr-4", "timestamp": "1750025138", "type": "interactive",
         "interactive": {"type": "call_permission_reply",
           "call_permission_reply": {"response": "maybe"}}}
        """
            .formatted(CUSTOMER_WA_ID);

    List<InboundMessage> messages =
        parser
            .parse(webhook("messages", messagesValue(rejected, permanent, unknownResponse)))
            .messages();

    assertThat(messages).hasSize(3);
    assertThat(CallPermission.of(messages.get(0)).orElseThrow().statusAt(Long.MAX_VALUE))
        .isEqualTo("denied");
    CallPermission forever = CallPermission.of(messages.get(1)).orElseThrow();
    assertThat(forever.permanent()).isTrue();
    assertThat(forever.expiresAt()).isEmpty();
    assertThat(forever.statusAt(Long.MAX_VALUE)).isEqualTo("granted");
    // still stored as a message, but it answers nothing
    assertThat(CallPermission.of(messages.get(2))).isEmpty();
    assertThat(CallPermission.of(onlyMessage("interactive_button_reply.json"))).isEmpty();
  }

  @Test
  void parse_interactiveListReplyExample_keepsReplyWithDescription() {
    // GIVEN Meta's interactive list reply example
    // WHEN it is parsed
    InboundMessage message = onlyMessage("interactive_list_reply.json");

    // THEN the reply keeps its kind, id, title and description; the title is the body
    assertThat(message.body()).isEqualTo("Priority Mail Express");
    assertThat(message.details().get("reply"))
        .isEqualTo(
            Map.of(
                "kind", "list_reply",
                "id", "priority_express",
                "title", "Priority Mail Express",
                "description", "Next Day to 2 Days"));
  }

  @Test
  void parse_buttonExample_keepsReplyOfKindButton() {
    // GIVEN Meta's template quick-reply button example
    // WHEN it is parsed
    InboundMessage message = onlyMessage("button.json");

    // THEN the reply is of kind button with payload and text; the text is the body
    assertThat(message.type()).isEqualTo("button");
    assertThat(message.body()).isEqualTo("Unsubscribe");
    assertThat(message.details().get("reply"))
        .isEqualTo(Map.of("kind", "button", "payload", "Unsubscribe", "text", "Unsubscribe"));
    assertThat(message.details()).containsKey("context");
  }

  @Test
  void parse_reactionExample_keepsReactionAndEmojiAsBody() {
    // GIVEN Meta's reaction example
    // WHEN it is parsed
    InboundMessage message = onlyMessage("reaction.json");

    // THEN the reaction names its target wamid and the emoji is the body
    assertThat(message.type()).isEqualTo("reaction");
    assertThat(message.body()).isEqualTo("👍");
    assertThat(message.details().get("reaction"))
        .isEqualTo(
            Map.of(
                "message_id",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA",
                "emoji",
                "👍"));
  }

  @Test
  void parse_locationExample_keepsLocationWithoutBody() {
    // GIVEN Meta's location example
    // WHEN it is parsed
    InboundMessage message = onlyMessage("location.json");

    // THEN the location is kept as received and there is no body
    assertThat(message.type()).isEqualTo("location");
    assertThat(message.body()).isNull();
    assertThat(details(message, "location"))
        .containsEntry("latitude", 37.44221496582)
        .containsEntry("longitude", -122.16165924072)
        .containsEntry("name", "Philz Coffee")
        .containsEntry("address", "101 Forest Ave, Palo Alto, CA 94301")
        .containsEntry("url", "https://philzcoffee.com/");
  }

  @Test
  void parse_contactsExample_keepsSharedContacts() {
    // GIVEN Meta's contact sharing example (the shared contact is a third party)
    // WHEN it is parsed
    InboundMessage message = onlyMessage("contacts.json");

    // THEN the shared contacts are kept as a list, the sender's profile name is separate
    assertThat(message.type()).isEqualTo("contacts");
    assertThat(message.body()).isNull();
    assertThat(message.profileName()).isEqualTo("Sheena Nelson");
    assertThat((List<?>) message.details().get("contacts")).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> contact =
        (Map<String, Object>) ((List<?>) message.details().get("contacts")).get(0);
    assertThat(contact.get("name"))
        .isEqualTo(
            Map.of("first_name", "Lucía", "last_name", "Gómez", "formatted_name", "Lucía Gómez"));
    assertThat((List<?>) contact.get("phones")).hasSize(1);
  }

  @Test
  void parse_orderExample_keepsOrderAndItsTextAsBody() {
    // GIVEN Meta's order example (its text is empty)
    // WHEN it is parsed
    InboundMessage message = onlyMessage("order.json");

    // THEN the order is kept with its items, and the (empty) order text is the body
    assertThat(message.type()).isEqualTo("order");
    assertThat(message.body()).isEmpty();
    assertThat(details(message, "order")).containsEntry("catalog_id", "194836987003835");
    assertThat((List<?>) details(message, "order").get("product_items")).hasSize(2);
  }

  @Test
  void parse_systemExample_keepsSystemAndItsBody() {
    // GIVEN Meta's system message example (user changed number; there is no contacts array)
    // WHEN it is parsed
    InboundMessage message = onlyMessage("system.json");

    // THEN the system object is kept, its body is the body, and there is no profile name
    assertThat(message.type()).isEqualTo("system");
    assertThat(message.body())
        .isEqualTo("User Sheena Nelson changed from 16505551234 to 12195555358");
    assertThat(details(message, "system"))
        .containsEntry("type", "user_changed_number")
        .containsEntry("wa_id", "12195555358");
    assertThat(message.profileName()).isNull();
    assertThat(message.business().wabaId()).isEqualTo("102290129340398");
  }

  @Test
  void parse_productInquiryExample_keepsContextWithReferredProduct() {
    // GIVEN Meta's text message with a product inquiry context
    // WHEN it is parsed
    InboundMessage message = onlyMessage("text_context_product_inquiry.json");

    // THEN the context and its referred product are kept
    assertThat(message.body()).isEqualTo("Is this still available?");
    assertThat(details(message, "context"))
        .containsEntry("from", "15550783881")
        .containsEntry("id", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA")
        .containsEntry(
            "referred_product",
            Map.of("catalog_id", "194836987003835", "product_retailer_id", "di9ozbzfi4"));
  }

  @Test
  void parse_clickToWhatsAppAdExample_keepsReferral() {
    // GIVEN Meta's text message from a click-to-WhatsApp ad
    // WHEN it is parsed
    InboundMessage message = onlyMessage("text_referral_click_to_whatsapp_ad.json");

    // THEN the referral is kept as received
    assertThat(message.type()).isEqualTo("text");
    assertThat(message.body()).isEqualTo("Hello! Can I get more info on this?");
    assertThat(details(message, "referral"))
        .containsEntry("source_type", "ad")
        .containsEntry("source_id", "120226305854810726")
        .containsEntry("headline", "Chat with us")
        .containsEntry("media_type", "image")
        .containsKey("ctwa_clid")
        .containsEntry("welcome_message", Map.of("text", "Hi there! Let us know how we can help!"));
  }

  @Test
  void parse_identityExampleWithPlaceholderSender_isKeptAsUnroutableRawEvent() {
    // GIVEN Meta's security notification example, whose "from" is "<FROM_PHONE_NUMBER>"
    // WHEN it is parsed
    WebhookBatch batch =
        parser.parse(MetaSpecs.webhook("text_identity_security_notification.json"));

    // THEN nothing is dropped: the message is a raw event that still holds the identity object
    assertThat(batch.messages()).isEmpty();
    RawEvent raw = batch.rawEvents().get(0);
    assertThat(raw.kind()).isEqualTo("unroutable:message");
    assertThat(raw.reason()).contains("from");
    assertThat(raw.json()).contains("\"identity\"", "Sjvjlx8G6Z0=", "<FROM_PHONE_NUMBER>");
  }

  @Test
  void parse_identityExampleWithRealSender_keepsIdentity() {
    // GIVEN the same security notification with its placeholder sender replaced by a number
    String published =
        new String(
            MetaSpecs.webhook("text_identity_security_notification.json"), StandardCharsets.UTF_8);
    String fixed = published.replace("\"<FROM_PHONE_NUMBER>\"", "\"" + CUSTOMER_WA_ID + "\"");
    assertThat(fixed).isNotEqualTo(published);

    // WHEN it is parsed
    InboundMessage message = parser.parse(bytes(fixed)).messages().get(0);

    // THEN the identity object is kept next to the text
    assertThat(message.customer().value()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(message.body()).isEqualTo("Hi from new number 3601");
    assertThat(details(message, "identity"))
        .containsEntry("acknowledged", true)
        .containsEntry("created_timestamp", 1_602_532_300_000L)
        .containsEntry("hash", "Sjvjlx8G6Z0=");
  }

  @Test
  void parse_unsupportedExample_isUnsupportedWithRawJsonAndErrors() throws Exception {
    // GIVEN Meta's unsupported message example
    byte[] body = MetaSpecs.webhook("unsupported.json");

    // WHEN it is parsed
    InboundMessage message = parser.parse(body).messages().get(0);

    // THEN it is kept as unsupported with Meta's type, the original JSON and the errors
    assertThat(message.type()).isEqualTo("unsupported");
    assertThat(message.metaType()).isEqualTo("unsupported");
    assertThat(message.body()).isNull();
    assertThat(JSON.readTree(message.raw())).isEqualTo(firstMessageNode(body));
    assertThat(message.rawTruncated()).isFalse();
    assertThat(errors(message)).hasSize(1);
    assertThat(errors(message).get(0))
        .containsEntry("code", 131051)
        .containsEntry("title", "Message type unknown");
  }

  @Test
  void parse_unknownMessageExample_isUnsupportedWithMetaTypeUnknown() throws Exception {
    // GIVEN Meta's "Received Unknown Messages" example (type "unknown", error 130501)
    byte[] body = MetaSpecs.webhook("errors_unknown_message.json");

    // WHEN it is parsed
    InboundMessage message = parser.parse(body).messages().get(0);

    // THEN it is unsupported, keeps "unknown" as Meta's type, the raw JSON and the errors
    assertThat(message.type()).isEqualTo("unsupported");
    assertThat(message.metaType()).isEqualTo("unknown");
    assertThat(message.customer().value()).isEqualTo("+16315555555");
    assertThat(message.profileName()).isEqualTo("Kerry Fisher");
    assertThat(JSON.readTree(message.raw())).isEqualTo(firstMessageNode(body));
    assertThat(errors(message).get(0))
        .containsEntry("code", 130501)
        .containsEntry("details", "Message type is not currently supported");
  }

  @Test
  void parse_statusSentExample_yieldsOneStatusUpdate() {
    // GIVEN Meta's "sent" status example
    // WHEN it is parsed
    WebhookBatch batch = parser.parse(MetaSpecs.webhook("status_sent.json"));

    // THEN one status update names the message, the recipient and the time in milliseconds
    assertThat(batch.size()).isEqualTo(1);
    StatusUpdate status = batch.statuses().get(0);
    assertThat(status.wamid()).isEqualTo("wamid.gBGGFlCGg0cvAglAxydbAoy-gwNo");
    assertThat(status.status()).isEqualTo("sent");
    assertThat(status.recipient().e164()).isEqualTo("+16315551234");
    assertThat(status.atMillis()).isEqualTo(1_603_086_313_000L);
    assertThat(status.business())
        .isEqualTo(new BusinessNumber("27681414235104944", "16505553333", "8856996819413533"));
    assertThat(status.callbackData()).isEmpty();
    assertThat(status.pricing()).isEmpty();
    assertThat(status.conversation()).isEmpty();
    assertThat(status.errors()).isEmpty();
    assertThat(status.isPayment()).isFalse();
  }

  @Test
  void parse_stickerExampleWithPlaceholders_isKeptAsUnroutableRawEvent() {
    // GIVEN Meta's sticker example, all of whose identifiers are placeholders
    // WHEN it is parsed
    WebhookBatch batch = parser.parse(MetaSpecs.webhook("sticker.json"));

    // THEN the message is not dropped but kept whole as an unroutable raw event
    assertThat(batch.messages()).isEmpty();
    RawEvent raw = batch.rawEvents().get(0);
    assertThat(raw.kind()).startsWith("unroutable:");
    assertThat(raw.reason()).isNotBlank();
    assertThat(raw.json()).contains("<SENDER_PHONE_NUMBER>", "\"sticker\"", "image/webp");
  }

  @Test
  void parse_paymentStatusExampleWithPlaceholders_isKeptAsUnroutableRawEvent() {
    // GIVEN Meta's payment status example ("timestamp": "notification_timestamp", no recipient)
    // WHEN it is parsed
    WebhookBatch batch = parser.parse(MetaSpecs.webhook("status_payment_order_details.json"));

    // THEN the status is kept whole as an unroutable raw event
    assertThat(batch.statuses()).isEmpty();
    RawEvent raw = batch.rawEvents().get(0);
    assertThat(raw.kind()).startsWith("unroutable:");
    assertThat(raw.json()).contains("reference-id-from-order-details-msg");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "group_lifecycle_update_create.json:group_lifecycle_update",
        "group_participants_update_remove.json:group_participants_update",
        "group_settings_update.json:group_settings_update"
      })
  void parse_groupExample_isRawEventOfItsField(String fileAndField) {
    // GIVEN one of Meta's group webhook examples
    String[] parts = fileAndField.split(":");

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(MetaSpecs.webhook(parts[0]));

    // THEN the whole change is one raw event named after its field
    assertThat(batch.size()).isEqualTo(1);
    RawEvent raw = batch.rawEvents().get(0);
    assertThat(raw.kind()).isEqualTo("field:" + parts[1]);
    assertThat(raw.reason()).isNotBlank();
    assertThat(raw.json())
        .contains("Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD", parts[1]);
  }

  // ---------------------------------------------------------------- statuses (hand-written)

  @Test
  void parse_paymentStatusWithRealValues_isPaymentStatus() {
    // GIVEN a payment status of an order message, with real values
    String status =
        """
        {"id": "wamid.PAY1", "type": "payment", "status": "captured",
         "recipient_id": "%s", "timestamp": "1750096325",
         "payment": {"reference_id": "ref-1"}}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    StatusUpdate update =
        parser.parse(webhook("messages", statusesValue(status))).statuses().get(0);

    // THEN it is stored as payment_captured, never as a message status
    assertThat(update.status()).isEqualTo("payment_captured");
    assertThat(update.isPayment()).isTrue();
    assertThat(update.recipient().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
  }

  @Test
  void parse_failedStatusWithPricingConversationErrors_keepsThem() {
    // GIVEN a failed status with the objects Meta's Postman examples show, and callback data
    String status =
        """
        {"id": "wamid.F1", "status": "failed", "timestamp": "1750096325",
         "recipient_id": "%s", "biz_opaque_callback_data": "01JX8NFBVGK3M7Q2R5T8W1Y4ZC",
         "conversation": {"id": "conv-1", "origin": {"type": "service"}},
         "pricing": {"billable": true, "pricing_model": "PMP", "category": "service"},
         "errors": [{"code": 131014, "title": "Request for url failed"}]}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    StatusUpdate update =
        parser.parse(webhook("messages", statusesValue(status))).statuses().get(0);

    // THEN the callback data, pricing, conversation and errors are kept
    assertThat(update.status()).isEqualTo("failed");
    assertThat(update.callbackData()).contains("01JX8NFBVGK3M7Q2R5T8W1Y4ZC");
    assertThat(update.pricing())
        .containsEntry("pricing_model", "PMP")
        .containsEntry("billable", true);
    assertThat(update.conversation()).containsEntry("id", "conv-1");
    assertThat(update.errors()).hasSize(1);
    assertThat(update.errors().get(0)).containsEntry("code", 131014);
  }

  @Test
  void parse_statusWithNullInsidePricingOrConversation_isKeptWithoutTheNulls() {
    // GIVEN a delivered status whose pricing and conversation contain a JSON null
    String status =
        """
        {"id": "wamid.N2", "status": "delivered", "timestamp": "1750096325",
         "recipient_id": "%s",
         "conversation": {"id": "conv-1", "expiration_timestamp": null},
         "pricing": {"billable": true, "pricing_model": "PMP", "category": null}}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", statusesValue(status)));

    // THEN the status is produced, keeping the non-null values
    assertThat(kinds(batch)).containsExactly("status:delivered");
    assertThat(batch.statuses().get(0).pricing()).containsEntry("pricing_model", "PMP");
    assertThat(batch.statuses().get(0).conversation()).containsEntry("id", "conv-1");
  }

  @Test
  void parse_statusWithoutStatusValue_isUnroutableRawEvent() {
    // GIVEN a status entry that has no status value
    String status =
        """
        {"id": "wamid.S1", "timestamp": "1750096325", "recipient_id": "%s"}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", statusesValue(status)));

    // THEN it is kept as an unroutable raw event
    assertThat(kinds(batch)).containsExactly("raw:unroutable:status");
    assertThat(batch.rawEvents().get(0).reason()).contains("status");
  }

  // ---------------------------------------------------------------- malformed bodies

  @Test
  void parse_emptyBody_isMalformed() {
    // GIVEN an empty body
    // WHEN it is parsed
    // THEN it is refused with a clear message
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "{", "{\"object\":", "<xml/>", "{'object': 'x'}", "[1,]"})
  void parse_notJson_isMalformed(String body) {
    // GIVEN a body that is not JSON
    // WHEN it is parsed
    // THEN it is refused as not JSON
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body is not valid JSON");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "[{\"object\":\"whatsapp_business_account\"}]",
        "42",
        "\"x\"",
        "null",
        "true"
      })
  void parse_jsonThatIsNotAnObject_isMalformed(String body) {
    // GIVEN valid JSON that is not an object (an array, a scalar, null)
    // WHEN it is parsed
    // THEN it is refused as not an object
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"object\":\"page\",\"entry\":[]}",
        "{\"object\":\"instagram\",\"entry\":[]}",
        "{\"object\":\"WHATSAPP_BUSINESS_ACCOUNT\",\"entry\":[]}",
        "{\"object\":5,\"entry\":[]}",
        "{\"object\":null,\"entry\":[]}",
        "{\"entry\":[]}"
      })
  void parse_objectOtherThanWhatsAppBusinessAccount_isMalformed(String body) {
    // GIVEN a JSON object whose "object" is missing or not "whatsapp_business_account"
    // WHEN it is parsed
    // THEN it is refused, naming the expected value
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("object must be \"whatsapp_business_account\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"object\":\"whatsapp_business_account\"}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":null}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":\"[]\"}"
      })
  void parse_entryMissingOrNotAnArray_isMalformed(String body) {
    // GIVEN a webhook envelope without an entry array
    // WHEN it is parsed
    // THEN it is refused
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("entry must be an array");
  }

  @Test
  void parse_emptyEntryArray_isAnEmptyBatch() {
    // GIVEN a well-formed envelope with no entries
    // WHEN it is parsed
    WebhookBatch batch =
        parser.parse(bytes("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"));

    // THEN nothing is produced, and nothing is refused
    assertThat(batch.size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"1\"}",
        "{\"id\":\"1\",\"changes\":null}",
        "{\"id\":\"1\",\"changes\":{}}",
        "\"not an entry\"",
        "[]"
      })
  void parse_changesMissingOrNotAnArray_isMalformedNamingTheEntry(String secondEntry) {
    // GIVEN a valid first entry and a second entry without a changes array
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[]},"
            + secondEntry
            + "]}";

    // WHEN it is parsed
    // THEN it is refused, naming the entry
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("entry[1].changes must be an array");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"value\":{}}",
        "{\"field\":5,\"value\":{}}",
        "{\"field\":null,\"value\":{}}",
        "{\"field\":[\"messages\"],\"value\":{}}",
        "\"messages\""
      })
  void parse_fieldNotAString_isMalformedNamingTheChange(String change) {
    // GIVEN a change whose field is missing or not a string
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
            + change
            + "]}]}";

    // WHEN it is parsed
    // THEN it is refused, naming the change
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("entry[0].changes[0].field must be a string");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"field\":\"messages\"}",
        "{\"field\":\"messages\",\"value\":null}",
        "{\"field\":\"messages\",\"value\":[]}",
        "{\"field\":\"messages\",\"value\":\"{}\"}"
      })
  void parse_valueNotAnObject_isMalformedNamingTheChange(String change) {
    // GIVEN a change whose value is missing or not an object
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
            + "{\"field\":\"x\",\"value\":{}},"
            + change
            + "]}]}";

    // WHEN it is parsed
    // THEN it is refused, naming the change
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("entry[0].changes[1].value must be an object");
  }

  @Test
  void parse_duplicateKeyAtTheTop_keepsTheLastValue() {
    // GIVEN a (signed) body that names "object" twice
    String body = "{\"object\":\"whatsapp_business_account\",\"object\":\"page\",\"entry\":[]}";

    // WHEN it is parsed
    // THEN the last value counts, as in other JSON readers: here it is refused as not WhatsApp
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("object must be \"whatsapp_business_account\"");
  }

  @Test
  void parse_duplicateKeyInsideAMessage_keepsTheLastValue() {
    // GIVEN a text message that carries "from" twice
    String message =
        """
        {"from": "%s", "from": "%s", "id": "wamid.D1", "timestamp": "1750096325",
         "type": "text", "text": {"body": "hi"}}
        """
            .formatted(CUSTOMER_WA_ID, SECOND_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", messagesValue(message)));

    // THEN the message is kept once, from the last "from"
    assertThat(batch.messages())
        .singleElement()
        .satisfies(m -> assertThat(m.customer().value()).isEqualTo("+" + SECOND_WA_ID));
  }

  @Test
  void parse_nestingDeeperThan64_isMalformed() {
    // GIVEN an otherwise valid webhook whose value nests 65 levels deep in total
    byte[] body = nestedWebhook(65);

    // WHEN it is parsed
    // THEN it is refused
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body is not valid JSON");
  }

  @Test
  void parse_nestingOfExactly64_isAccepted() {
    // GIVEN the same webhook nesting exactly 64 levels deep
    byte[] body = nestedWebhook(64);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(body);

    // THEN it is accepted (the unknown field becomes a raw event)
    assertThat(kinds(batch)).containsExactly("raw:field:deep");
  }

  @Test
  void parse_deeplyNestedArrayBomb_isMalformedWithoutStackOverflow() {
    // GIVEN 100,000 opening brackets
    byte[] body = bytes("[".repeat(100_000));

    // WHEN it is parsed
    // THEN it is refused as malformed
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("the body is not valid JSON");
  }

  @Test
  void parse_validWebhookFollowedByTrailingContent_isMalformed() {
    // GIVEN a valid webhook followed by trailing content
    String valid = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";

    // WHEN each variant is parsed
    // THEN each is refused as not valid JSON
    for (String body : List.of(valid + " garbage", valid + "}", valid + valid, valid + "[")) {
      assertThatThrownBy(() -> parser.parse(bytes(body)))
          .as(body)
          .isInstanceOf(MalformedWebhookException.class)
          .hasMessage("the body is not valid JSON");
    }
  }

  // ---------------------------------------------------------------- caps

  @Test
  void parse_textOf100000Chars_isCappedTo16384AndFlagged() {
    // GIVEN a text message whose body is 100,000 characters
    String text = "0123456789".repeat(10_000);

    // WHEN it is parsed
    InboundMessage message =
        onlyMessage(webhook("messages", messagesValue(text(CUSTOMER_WA_ID, "wamid.L1", text))));

    // THEN the stored body is its first 16,384 characters, flagged as truncated
    assertThat(message.body()).hasSize(16_384).isEqualTo(text.substring(0, 16_384));
    assertThat(message.bodyTruncated()).isTrue();
    assertThat(message.raw()).isNull();
  }

  @Test
  void parse_textOfExactly16384Chars_isKeptWhole() {
    // GIVEN a text message whose body is exactly at the cap
    String text = "é".repeat(16_384);

    // WHEN it is parsed
    InboundMessage message =
        onlyMessage(webhook("messages", messagesValue(text(CUSTOMER_WA_ID, "wamid.L2", text))));

    // THEN it is kept whole and not flagged
    assertThat(message.body()).isEqualTo(text);
    assertThat(message.bodyTruncated()).isFalse();
  }

  @Test
  void parse_capFallingInsideAnEmoji_doesNotSplitTheSurrogatePair() {
    // GIVEN a long text whose character 16,384 is the first half of an emoji
    String text = "a".repeat(16_383) + "👍".repeat(10);

    // WHEN it is parsed
    InboundMessage message =
        onlyMessage(webhook("messages", messagesValue(text(CUSTOMER_WA_ID, "wamid.L3", text))));

    // THEN the cut is at a code point boundary: no half emoji is stored
    assertThat(message.bodyTruncated()).isTrue();
    assertThat(message.body()).hasSizeLessThanOrEqualTo(16_384);
    assertThat(Character.isHighSurrogate(message.body().charAt(message.body().length() - 1)))
        .isFalse();
    assertThat(text).startsWith(message.body());
  }

  @Test
  void parse_unsupportedMessageWithHugeContent_capsRawAndFlagsIt() {
    // GIVEN a message of an unknown type whose JSON is far over the cap
    String message =
        """
        {"from": "%s", "id": "wamid.U1", "timestamp": "1750096325", "type": "poll",
         "poll": {"question": "%s"}}
        """
            .formatted(CUSTOMER_WA_ID, "q".repeat(50_000));

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN the raw JSON is capped and flagged
    assertThat(parsed.type()).isEqualTo("unsupported");
    assertThat(parsed.raw()).hasSize(16_384).startsWith("{\"from\":");
    assertThat(parsed.rawTruncated()).isTrue();
  }

  @Test
  void parse_moreThan20SharedContacts_keepsTheFirst20() {
    // GIVEN a contacts message sharing 25 contacts
    ArrayNode shared = JSON.createArrayNode();
    for (int i = 0; i < 25; i++) {
      shared.addObject().putObject("name").put("formatted_name", "Contact " + i);
    }
    String message =
        """
        {"from": "%s", "id": "wamid.C25", "timestamp": "1750096325", "type": "contacts",
         "contacts": %s}
        """
            .formatted(CUSTOMER_WA_ID, shared);

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN only the first 20 are kept
    List<?> contacts = (List<?>) parsed.details().get("contacts");
    assertThat(contacts).hasSize(20);
    assertThat(((Map<?, ?>) ((Map<?, ?>) contacts.get(19)).get("name")).get("formatted_name"))
        .isEqualTo("Contact 19");
  }

  @Test
  void parse_knownTypeWithOversizedDetails_keepsCappedRawInsteadOfDetails() {
    // GIVEN a location message whose details are over the 48,000-character limit
    String message =
        """
        {"from": "%s", "id": "wamid.O1", "timestamp": "1750096325", "type": "location",
         "location": {"latitude": 1.5, "longitude": 2.5, "address": "%s"}}
        """
            .formatted(CUSTOMER_WA_ID, "x".repeat(60_000));

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN the type is kept, the details are replaced by a marker, and the raw JSON is capped
    assertThat(parsed.type()).isEqualTo("location");
    assertThat(parsed.details()).isEqualTo(Map.of("oversized", true));
    assertThat(parsed.raw()).hasSize(16_384);
    assertThat(parsed.rawTruncated()).isTrue();
  }

  // ---------------------------------------------------------------- calls

  @Test
  void parse_userInitiatedCallConnect_customerIsFrom() {
    // GIVEN a calls webhook: the customer calls the business
    String call =
        """
        {"id": "wacid.X", "from": "%s", "to": "%s", "event": "connect",
         "timestamp": "1750096325", "direction": "USER_INITIATED",
         "session": {"sdp_type": "offer", "sdp": "v=0"}}
        """
            .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("calls", callsValue(call)));

    // THEN one call event names the caller as the customer
    assertThat(kinds(batch)).containsExactly("call:connect");
    WhatsAppCallEvent event = batch.calls().get(0);
    assertThat(event.callId()).isEqualTo("wacid.X");
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.business())
        .isEqualTo(new BusinessNumber(PHONE_NUMBER_ID, DISPLAY_NUMBER, WABA_ID));
    assertThat(event.event()).isEqualTo("connect");
    assertThat(event.status()).isNull();
    assertThat(event.direction()).isEqualTo("USER_INITIATED");
    assertThat(event.atMillis()).isEqualTo(1_750_096_325_000L);
    assertThat(event.details()).isEmpty();
    assertThat(event.eventKey()).isEqualTo("connect#-#1750096325000");
  }

  @Test
  void parse_businessInitiatedCallConnect_customerIsTo() {
    // GIVEN a calls webhook: the business calls the customer
    String call =
        """
        {"id": "wacid.X", "from": "%s", "to": "%s", "event": "connect",
         "timestamp": "1750096325", "direction": "BUSINESS_INITIATED"}
        """
            .formatted(DISPLAY_NUMBER, CUSTOMER_WA_ID);

    // WHEN it is parsed
    WhatsAppCallEvent event = parser.parse(webhook("calls", callsValue(call))).calls().get(0);

    // THEN the called party is the customer
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.direction()).isEqualTo("BUSINESS_INITIATED");
  }

  @Test
  void parse_callTerminate_keepsStatusAndTimes() {
    // GIVEN a terminate event with a status list, start and end times and a duration
    String call =
        """
        {"id": "wacid.X", "from": "%s", "to": "%s", "event": "terminate",
         "timestamp": "1750096400", "direction": "USER_INITIATED",
         "status": ["COMPLETED"], "start_time": "1750096330", "end_time": "1750096400",
         "duration": 70, "biz_opaque_callback_data": "cb-1"}
        """
            .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER);

    // WHEN it is parsed
    WhatsAppCallEvent event = parser.parse(webhook("calls", callsValue(call))).calls().get(0);

    // THEN the status and the times are kept
    assertThat(event.event()).isEqualTo("terminate");
    assertThat(event.status()).isEqualTo("COMPLETED");
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "start_time", "1750096330",
                "end_time", "1750096400",
                "duration", "70",
                "biz_opaque_callback_data", "cb-1"));
    assertThat(event.eventKey()).isEqualTo("terminate#COMPLETED#1750096400000");
  }

  @Test
  void parse_callWithoutDirection_isReadAsUserInitiated() {
    // GIVEN a call event with no direction
    String call =
        """
        {"id": "wacid.X", "from": "%s", "to": "%s", "event": "connect", "timestamp": "1750096325"}
        """
            .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER);

    // WHEN it is parsed
    WhatsAppCallEvent event = parser.parse(webhook("calls", callsValue(call))).calls().get(0);

    // THEN the caller is the customer
    assertThat(event.direction()).isEqualTo("USER_INITIATED");
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
  }

  @Test
  void parse_callWhoseCustomerIsNotANumber_isUnroutableRawEvent() {
    // GIVEN a business-initiated call whose "to" is not a phone number
    String call =
        """
        {"id": "wacid.X", "from": "%s", "to": "<TO>", "event": "connect",
         "timestamp": "1750096325", "direction": "BUSINESS_INITIATED"}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("calls", callsValue(call)));

    // THEN the call is kept as an unroutable raw event naming the field
    assertThat(kinds(batch)).containsExactly("raw:unroutable:call");
    assertThat(batch.rawEvents().get(0).reason()).contains("to");
  }

  @Test
  void parse_statusOfTypeCall_isCallEvent() {
    // GIVEN a call status (ringing) of a business-initiated call
    String status =
        """
        {"id": "wacid.Y", "type": "call", "status": "RINGING", "timestamp": "1750096325",
         "recipient_id": "%s"}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("calls", statusesValue(status)));

    // THEN it is a call event, not a message status
    assertThat(batch.statuses()).isEmpty();
    assertThat(batch.calls()).hasSize(1);
    WhatsAppCallEvent event = batch.calls().get(0);
    assertThat(event.callId()).isEqualTo("wacid.Y");
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.event()).isEqualTo("status");
    assertThat(event.status()).isEqualTo("RINGING");
    assertThat(event.direction()).isEqualTo("BUSINESS_INITIATED");
    assertThat(event.atMillis()).isEqualTo(1_750_096_325_000L);
  }

  // ---------------------------------------------------------------- types, routing, volume

  @Test
  void parse_futureMessageType_isUnsupportedWithItsMetaTypeAndRaw() throws Exception {
    // GIVEN a message of a type Meta may add later
    String message =
        """
        {"from": "%s", "id": "wamid.P1", "timestamp": "1750096325", "type": "poll",
         "poll": {"question": "Which day?", "options": ["Mon", "Tue"]}}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN it is kept as unsupported, with "poll" as Meta's type and the original JSON
    assertThat(parsed.type()).isEqualTo("unsupported");
    assertThat(parsed.metaType()).isEqualTo("poll");
    assertThat(parsed.body()).isNull();
    assertThat(JSON.readTree(parsed.raw())).isEqualTo(JSON.readTree(message));
    assertThat(parsed.rawTruncated()).isFalse();
    assertThat(parsed.details()).doesNotContainKey("errors");
  }

  @Test
  void parse_messageWithoutType_isUnsupported() {
    // GIVEN a message with no type at all
    String message =
        """
        {"from": "%s", "id": "wamid.N1", "timestamp": "1750096325"}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN it is unsupported, not dropped
    assertThat(parsed.type()).isEqualTo("unsupported");
    assertThat(parsed.raw()).contains("wamid.N1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"from\": \"FROM\", \"timestamp\": \"1750096325\", \"type\": \"text\"}",
        "{\"from\": \"FROM\", \"id\": \"\", \"timestamp\": \"1750096325\", \"type\": \"text\"}",
        "{\"from\": \"FROM\", \"id\": 7, \"timestamp\": \"1750096325\", \"type\": \"text\"}",
        "{\"from\": \"FROM\", \"id\": \"wamid.R\", \"type\": \"text\"}",
        "{\"from\": \"FROM\", \"id\": \"wamid.R\", \"timestamp\": \"1750096325000000\"}",
        "{\"from\": \"FROM\", \"id\": \"wamid.R\", \"timestamp\": \"-5\"}",
        "{\"from\": \"FROM\", \"id\": \"wamid.R\", \"timestamp\": 1.5}",
        "{\"id\": \"wamid.R\", \"timestamp\": \"1750096325\", \"type\": \"text\"}",
        "{\"from\": \"12\", \"id\": \"wamid.R\", \"timestamp\": \"1750096325\"}",
        "\"not a message\""
      })
  void parse_messageWithoutIdTimestampOrNumber_isUnroutableRawEvent(String template) {
    // GIVEN a message that lacks something needed to place it in a thread
    String message = template.replace("FROM", CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", messagesValue(message)));

    // THEN it is kept whole as an unroutable raw event with a reason
    assertThat(kinds(batch)).containsExactly("raw:unroutable:message");
    assertThat(batch.rawEvents().get(0).reason()).isNotBlank();
  }

  @Test
  void parse_numericTimestamp_isAccepted() {
    // GIVEN a message whose timestamp is a JSON number rather than a string
    String message =
        """
        {"from": "%s", "id": "wamid.T1", "timestamp": 1750096325, "type": "text",
         "text": {"body": "hi"}}
        """
            .formatted(CUSTOMER_WA_ID);

    // WHEN it is parsed
    InboundMessage parsed = onlyMessage(webhook("messages", messagesValue(message)));

    // THEN the time is read the same way
    assertThat(parsed.atMillis()).isEqualTo(1_750_096_325_000L);
  }

  @Test
  void parse_notificationLevelErrors_areKeptAsRawEvent() {
    // GIVEN a messages change whose value carries errors for the whole notification
    String value =
        """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "errors": [{"code": 131000, "title": "Something went wrong"}]}
        """
            .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", value));

    // THEN the errors are kept as a raw event
    assertThat(kinds(batch)).containsExactly("raw:errors");
    assertThat(batch.rawEvents().get(0).json()).contains("131000");
  }

  @Test
  void parse_profileNames_areMatchedToTheSenderByWaId() {
    // GIVEN one change with two senders, each with its own profile
    String value =
        """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "contacts": [{"profile": {"name": "First"}, "wa_id": "%s"},
                      {"profile": {"name": "Second"}, "wa_id": "%s"}],
         "messages": [%s, %s]}
        """
            .formatted(
                DISPLAY_NUMBER,
                PHONE_NUMBER_ID,
                CUSTOMER_WA_ID,
                SECOND_WA_ID,
                text(SECOND_WA_ID, "wamid.A", "a"),
                text(CUSTOMER_WA_ID, "wamid.B", "b"));

    // WHEN it is parsed
    List<InboundMessage> messages = parser.parse(webhook("messages", value)).messages();

    // THEN each message gets its own sender's profile name
    assertThat(messages).extracting(InboundMessage::profileName).containsExactly("Second", "First");
    assertThat(messages.get(0).customer().value()).isEqualTo(Sensitive.SECOND_CUSTOMER_E164);
  }

  @Test
  void parse_twoEntriesOfTwoChangesOfThreeMessages_yields12MessagesInOrder() {
    // GIVEN 2 entries (two WABAs) x 2 changes (two business numbers) x 3 messages
    ArrayNode entries = JSON.createArrayNode();
    List<String> expectedIds = new ArrayList<>();
    for (int e = 0; e < 2; e++) {
      ObjectNode entry = entries.addObject();
      entry.put("id", "waba-" + e);
      ArrayNode changes = entry.putArray("changes");
      for (int c = 0; c < 2; c++) {
        ObjectNode change = changes.addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value
            .putObject("metadata")
            .put("display_phone_number", DISPLAY_NUMBER)
            .put("phone_number_id", "10654035224292" + c);
        ArrayNode messages = value.putArray("messages");
        for (int m = 0; m < 3; m++) {
          String id = "wamid." + e + "." + c + "." + m;
          expectedIds.add(id);
          messages
              .addObject()
              .put("from", m % 2 == 0 ? CUSTOMER_WA_ID : SECOND_WA_ID)
              .put("id", id)
              .put("timestamp", String.valueOf(1_750_000_000 + m))
              .put("type", "text")
              .putObject("text")
              .put("body", "message " + id);
        }
      }
    }
    ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
    root.set("entry", entries);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(bytes(root.toString()));

    // THEN all 12 messages come out, in order, each with its own WABA and business number
    assertThat(batch.size()).isEqualTo(12);
    assertThat(batch.messages())
        .extracting(InboundMessage::wamid)
        .containsExactlyElementsOf(expectedIds);
    InboundMessage last = batch.messages().get(11);
    assertThat(last.business())
        .isEqualTo(new BusinessNumber("106540352242921", DISPLAY_NUMBER, "waba-1"));
    assertThat(last.body()).isEqualTo("message wamid.1.1.2");
    assertThat(batch.messages().get(1).customer().value())
        .isEqualTo(Sensitive.SECOND_CUSTOMER_E164);
  }

  @Test
  void parse_mixedChange_keepsMessagesStatusesAndRawEventsTogether() {
    // GIVEN one change carrying a message, a status, and an unroutable message
    String value =
        """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "messages": [%s, {"id": "wamid.bad"}],
         "statuses": [{"id": "wamid.S", "status": "read", "timestamp": "1750096325",
                       "recipient_id": "%s"}]}
        """
            .formatted(
                DISPLAY_NUMBER,
                PHONE_NUMBER_ID,
                text(CUSTOMER_WA_ID, "wamid.M", "hi"),
                CUSTOMER_WA_ID);

    // WHEN it is parsed
    WebhookBatch batch = parser.parse(webhook("messages", value));

    // THEN nothing is dropped
    assertThat(kinds(batch))
        .containsExactlyInAnyOrder("message:text", "status:read", "raw:unroutable:message");
  }

  // ---------------------------------------------------------------- helpers

  private InboundMessage onlyMessage(String publishedName) {
    return onlyMessage(MetaSpecs.webhook(publishedName));
  }

  private InboundMessage onlyMessage(byte[] body) {
    WebhookBatch batch = parser.parse(body);
    assertThat(kinds(batch)).hasSize(1);
    assertThat(batch.messages()).hasSize(1);
    return batch.messages().get(0);
  }

  private static List<String> kinds(WebhookBatch batch) {
    List<String> kinds = new ArrayList<>();
    batch.messages().forEach(m -> kinds.add("message:" + m.type()));
    batch.statuses().forEach(s -> kinds.add("status:" + s.status()));
    batch.calls().forEach(c -> kinds.add("call:" + c.event()));
    batch.rawEvents().forEach(r -> kinds.add("raw:" + r.kind()));
    return kinds;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(InboundMessage message, String key) {
    assertThat(message.details()).containsKey(key);
    return (Map<String, Object>) message.details().get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(InboundMessage message) {
    assertThat(message.details()).containsKey("errors");
    return (List<Map<String, Object>>) message.details().get("errors");
  }

  private static JsonNode firstMessageNode(byte[] body) throws Exception {
    return JSON.readTree(body).at("/entry/0/changes/0/value/messages/0");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] webhook(String field, String valueJson) {
    return bytes(
        """
        {"object": "whatsapp_business_account",
         "entry": [{"id": "%s", "changes": [{"field": "%s", "value": %s}]}]}
        """
            .formatted(WABA_ID, field, valueJson));
  }

  private static String messagesValue(String... messages) {
    return """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "messages": [%s]}
        """
        .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID, String.join(",", messages));
  }

  private static String statusesValue(String... statuses) {
    return """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "statuses": [%s]}
        """
        .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID, String.join(",", statuses));
  }

  private static String callsValue(String... calls) {
    return """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "calls": [%s]}
        """
        .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID, String.join(",", calls));
  }

  /** A text message object; the body is JSON-escaped. */
  private static String text(String from, String wamid, String body) {
    ObjectNode message =
        JSON.createObjectNode()
            .put("from", from)
            .put("id", wamid)
            .put("timestamp", "1750096325")
            .put("type", "text");
    message.putObject("text").put("body", body);
    return message.toString();
  }

  /** A webhook of field "deep" whose total nesting (root object included) is {@code depth}. */
  private static byte[] nestedWebhook(int depth) {
    // root{ entry[ {changes[ {value{ = 6 levels; the rest is arrays inside value.deep
    int arrays = depth - 6;
    String nested = "[".repeat(arrays) + "]".repeat(arrays);
    return webhook("deep", "{\"deep\": " + nested + "}");
  }
}
