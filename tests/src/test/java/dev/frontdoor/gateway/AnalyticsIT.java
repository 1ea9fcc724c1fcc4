package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import dev.frontdoor.analytics.ExportReceipt;
import dev.frontdoor.infra.analytics.ExportCommand;
import dev.frontdoor.infra.analytics.ExportReport;
import dev.frontdoor.infra.analytics.LocalAthena;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import dev.frontdoor.testing.Sensitive;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics SQL checked on a scenario with known answers (issue 14, part 2): customers write on
 * WhatsApp at controlled times, the business replies through {@code POST /v1/messages} (sent by the
 * sender to a sandbox Graph API that posts no statuses of its own), Meta's status webhooks arrive
 * with controlled times, prices and error codes, calls come from Twilio and a generic provider, one
 * with a wrap-up whose summary is delivered, one customer opts out and one is erased through {@code
 * DELETE /v1/customers/{phone}}. The table is exported in DynamoDB's export format before and after
 * the erasure, and every named query runs through DuckDB on the views, from the same files the
 * template's Athena named queries carry. The erased customer is absent from every answer, also when
 * the export analysed predates the erasure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsIT {
  private static final String TWILIO_TOKEN = "test-twilio-auth-token-analytics";
  private static final String VOICE_WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  // the customers (wa_ids): South Africa, the UK, Zimbabwe
  private static final String A = "27821110001";
  private static final String B = "27821110002";
  private static final String C = "447700900123";
  private static final String D = "27821110004";
  private static final String E = "263771110005";
  private static final String F = "27821110006";
  private static final String G = "27821110007";
  private static final String H = "447700900456";
  private static final String I = "27821110009";

  @TempDir static Path dataDir;
  @TempDir static Path exports;
  static SandboxGraphApi graph;
  static InboundGateway gateway;

  /** The newest export of the scenario, for the report. */
  static ExportReceipt newestExport;

  @BeforeAll
  static void start() throws Exception {
    // A Graph API that accepts sends but posts no status webhooks: the test posts them, with times
    graph =
        SandboxGraphApi.start(
            SandboxOptions.defaults(Sensitive.META_ACCESS_TOKEN).withMetaPairRate());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("GRAPH_API_URL", graph.baseUri().toString());
    settings.put("TWILIO_AUTH_TOKENS", TWILIO_TOKEN);
    settings.put("VOICE_HMAC_SECRETS", VOICE_WHSEC);
    gateway = new InboundGateway(dataDir, settings);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    graph.close();
  }

  @Test
  @Order(1)
  void everyNamedQuery_answersTheScenario_withoutTheErasedCustomer() throws Exception {
    long now = Instant.now().getEpochSecond();
    // GIVEN customers who wrote 30, 10, 5, 3 and 2 minutes ago, one who sent STOP 40 minutes ago,
    // and G, who wrote 20 minutes ago and will be erased
    deliver(Webhooks.text("wamid.an-a", A, now - 30 * 60, "where is my order"));
    deliver(Webhooks.text("wamid.an-b", B, now - 10 * 60, "hello"));
    deliver(Webhooks.text("wamid.an-c", C, now - 5 * 60, "hello from London"));
    deliver(Webhooks.text("wamid.an-d", D, now - 3 * 60, "hi"));
    deliver(image("wamid.an-e", E, now - 2 * 60));
    deliver(Webhooks.text("wamid.an-f", F, now - 40 * 60, "STOP"));
    deliver(Webhooks.text("wamid.an-g1", G, now - 20 * 60, "please call me"));
    deliver(Webhooks.text("wamid.an-g2", G, now - 15 * 60, "STOP"));

    // WHEN the business answers each of them at once (first responses: 30, 10, 5, 3, 2 minutes)
    LocalDate sendDay = LocalDate.now(ZoneOffset.UTC);
    Map<String, String> replies = new LinkedHashMap<>();
    for (String customer : List.of(A, B, C, D, E, G)) {
      replies.put(customer, send(SendRequests.text("+" + customer, "Thanks, we are on it")));
    }
    // AND a marketing template goes to H in the UK
    String template = send(SendRequests.template("+" + H));
    Map<String, String> wamids = new LinkedHashMap<>();
    for (Map.Entry<String, String> reply : replies.entrySet()) {
      wamids.put(reply.getKey(), wamidOf(reply.getValue()));
    }
    String templateWamid = wamidOf(template);

    // AND calls: A on Twilio, answered, with a wrap-up; B on Twilio, not answered; E through a
    // generic provider; G on Twilio
    String sidA = sid();
    twilio(sidA, "ringing", 1, now - 25 * 60, null, A);
    twilio(sidA, "completed", 2, now - 24 * 60, "60", A);
    String sidB = sid();
    twilio(sidB, "ringing", 1, now - 9 * 60, null, B);
    twilio(sidB, "no-answer", 2, now - 8 * 60, null, B);
    generic("gen-an-" + System.nanoTime(), now - 60, E);
    String sidG = sid();
    twilio(sidG, "ringing", 1, now - 18 * 60, null, G);
    twilio(sidG, "completed", 2, now - 17 * 60, "30", G);
    HttpResponse<String> wrapUp =
        gateway.api(
            "POST",
            "/v1/calls/twilio:" + sidA + "/wrap-up",
            "{\"outcome\":\"resolved\",\"reference\":\"CASE-1\",\"next_steps\":\"Courier tomorrow.\"}",
            Map.of());
    assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(202);
    String summaryId =
        InboundGateway.JSON.readTree(wrapUp.body()).path("summary").path("message_id").asText();
    String summaryWamid = wamidOf(summaryId);

    // AND a template to I that the Graph API refuses with 131047 (nothing else is in flight)
    graph.faults().failNext(1, 400, 131047, "Re-engagement message");
    String refused = send(SendRequests.template("+" + I));
    gateway.awaitMessage(refused, view -> view.path("status").asText().equals("failed"));

    // AND Meta's statuses, at known times after S
    long s = now + 5;
    for (String customer : List.of(A, B, C, D, E, G)) {
      status(wamids.get(customer), "sent", customer, s, "service", false, null);
    }
    status(summaryWamid, "sent", A, s, "service", false, null);
    status(templateWamid, "sent", H, s, "marketing", true, null);
    status(wamids.get(A), "delivered", A, s + 4, "service", false, null);
    status(wamids.get(A), "read", A, s + 60, null, false, null);
    status(wamids.get(B), "delivered", B, s + 10, "service", false, null);
    status(wamids.get(B), "read", B, s + 40, null, false, null);
    status(summaryWamid, "delivered", A, s + 6, "service", false, null);
    status(summaryWamid, "read", A, s + 30, null, false, null);
    status(wamids.get(C), "failed", C, s + 1, null, false, 131047);
    status(wamids.get(D), "failed", D, s + 1, null, false, 130429);
    status(wamids.get(E), "failed", E, s + 1, null, false, 131056);
    status(wamids.get(G), "delivered", G, s + 100, "service", false, null);
    gateway.awaitMessage(summaryId, view -> view.path("status").asText().equals("read"));

    // AND an export before G's erasure, the erasure, and an export after it
    ExportReceipt before = export("before");
    HttpResponse<String> erased = gateway.api("DELETE", "/v1/customers/" + G, null, Map.of());
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    ExportReceipt after = export("after");
    newestExport = after;
    assertThat(before.itemCount()).isGreaterThan(after.itemCount());

    // AND the messages view tells the call summary from the replies (first_response_time skips it)
    String summaryCallId = InboundGateway.JSON.readTree(wrapUp.body()).path("call_id").asText();
    assertThat(summaryCallId).isNotBlank();
    try (LocalAthena athena = LocalAthena.open(after.exportDirectory(), after.exportDirectory())) {
      assertThat(
              athena.query(
                  "SELECT message_id, summary_of_call_id FROM messages"
                      + " WHERE summary_of_call_id IS NOT NULL"))
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row)
                      .containsEntry("message_id", summaryId)
                      .containsEntry("summary_of_call_id", summaryCallId));
    }

    // THEN every named query answers exactly this, on the newest export ...
    Map<String, List<String>> expected = expected(now, sendDay);
    Map<String, List<String>> newest = answers(after, after);
    assertThat(newest.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String query : expected.keySet()) {
      assertThat(newest.get(query)).as(query).containsExactlyElementsOf(expected.get(query));
    }
    // ... and on the export taken before the erasure, read with the newest export's tombstones
    Map<String, List<String>> older = answers(before, after);
    for (String query : expected.keySet()) {
      assertThat(older.get(query)).as(query).containsExactlyElementsOf(expected.get(query));
    }
    // while without the tombstone the old export still counts G (the filter is what hides them)
    Map<String, List<String>> unfiltered = answers(before, before);
    assertThat(unfiltered.get("first_response_time"))
        .containsExactly(
            row(
                "business_number_id",
                Webhooks.PHONE_NUMBER_ID,
                "responses",
                6L,
                "p50_minutes",
                5L,
                "p90_minutes",
                30L));
    System.out.println("FIGURE analytics answers (newest export):\n" + render(newest));
  }

  /**
   * The report page of the newest export, opened in headless Chromium (Debian's {@code chromium}):
   * every chart marks itself drawn once its canvas has pixels of its series' colours.
   */
  @Test
  @Order(2)
  void report_opensOffline_inHeadlessChromium_andEveryChartDraws() throws Exception {
    assertThat(newestExport).as("the scenario's export (the test before)").isNotNull();
    Path page = exports.resolve("report.html");
    String html;
    try (LocalAthena athena =
        LocalAthena.open(newestExport.exportDirectory(), newestExport.exportDirectory())) {
      html = ExportReport.render(athena, "AnalyticsIT");
    }
    java.nio.file.Files.writeString(page, html);
    // kept for a person to open: tests/target/analytics-report.html
    java.nio.file.Files.writeString(Path.of("target", "analytics-report.html"), html);
    // self-contained: nothing fetched from anywhere
    assertThat(html).doesNotContain("<script src").doesNotContain("<link").contains("uPlot");

    java.util.Optional<Path> chromium = Chromium.find();
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install -y chromium): the browser check is skipped");
    String dom = Chromium.dumpDom(chromium.get(), page, exports.resolve("chromium-profile"));
    for (String chart : List.of("volumes", "responses", "funnel", "failures", "calls")) {
      String section = section(dom, chart);
      System.out.println("FIGURE report chart " + chart + ": " + section);
      assertThat(section).as(chart).contains("data-drawn=\"yes\"");
    }

    // AND the marker is not drawn for a chart with nothing in it: the same page over an empty
    // export leaves every bar chart blank
    Path empty = exports.resolve("empty/AWSDynamoDB/00000000000000-00000000");
    java.nio.file.Files.createDirectories(empty.resolve("data"));
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(
            java.nio.file.Files.newOutputStream(empty.resolve("data/empty.json.gz")))) {
      out.flush();
    }
    Path emptyPage = exports.resolve("empty-report.html");
    try (LocalAthena athena = LocalAthena.open(empty, empty)) {
      java.nio.file.Files.writeString(emptyPage, ExportReport.render(athena, "empty"));
    }
    String emptyDom =
        Chromium.dumpDom(chromium.get(), emptyPage, exports.resolve("chromium-profile-2"));
    for (String chart : List.of("responses", "funnel", "failures", "calls")) {
      String section = section(emptyDom, chart);
      System.out.println("FIGURE empty report chart " + chart + ": " + section);
      assertThat(section).as(chart).contains("data-drawn=\"blank\"");
    }
  }

  /** The opening tag of a chart's section in the dumped DOM. */
  private static String section(String dom, String chart) {
    java.util.regex.Matcher tag =
        java.util.regex.Pattern.compile("<section[^>]*id=\"" + chart + "\"[^>]*>").matcher(dom);
    assertThat(tag.find()).as("chart %s in the page", chart).isTrue();
    return tag.group();
  }

  /** The answers the scenario's controlled times, prices and codes give. */
  private static Map<String, List<String>> expected(long now, LocalDate sendDay) {
    Map<String, List<String>> expected = new LinkedHashMap<>();

    // volumes: inbound by the customers' times, outbound on the day sent, calls by their start
    TreeMap<String, Long> volumes = new TreeMap<>();
    for (long minutesAgo : List.of(30L, 10L, 5L, 3L, 40L)) {
      volumes.merge(key(day(now - minutesAgo * 60), "whatsapp", "in", "text"), 1L, Long::sum);
    }
    volumes.merge(key(day(now - 2 * 60), "whatsapp", "in", "image"), 1L, Long::sum);
    volumes.merge(key(sendDay, "whatsapp", "out", "text"), 6L, Long::sum);
    volumes.merge(key(sendDay, "whatsapp", "out", "template"), 2L, Long::sum);
    volumes.merge(key(day(now - 25 * 60), "voice", "in", "call:twilio"), 1L, Long::sum);
    volumes.merge(key(day(now - 9 * 60), "voice", "in", "call:twilio"), 1L, Long::sum);
    volumes.merge(key(day(now - 60), "voice", "in", "call:generic"), 1L, Long::sum);
    List<String> volumeRows = new ArrayList<>();
    volumes.forEach(
        (key, count) -> {
          String[] parts = key.split("\\|");
          volumeRows.add(
              row(
                  "utc_date",
                  parts[0],
                  "channel",
                  parts[1],
                  "direction",
                  parts[2],
                  "message_type",
                  parts[3],
                  "items",
                  count));
        });
    expected.put("volumes_by_day", volumeRows);

    expected.put(
        "first_response_time",
        List.of(
            row(
                "business_number_id",
                Webhooks.PHONE_NUMBER_ID,
                "responses",
                5L,
                "p50_minutes",
                5L,
                "p90_minutes",
                30L)));

    // 8 business messages: 5 replies, the summary, 2 templates (one refused by the Graph API)
    expected.put(
        "delivery_and_read",
        List.of(
            row(
                "utc_date",
                sendDay,
                "messages",
                8L,
                "sent",
                7L,
                "delivered",
                3L,
                "read",
                3L,
                "failed",
                4L,
                "delivery_rate",
                0.4286,
                "read_rate",
                1.0,
                "p50_seconds_to_delivered",
                6L,
                "p90_seconds_to_delivered",
                10L,
                "p50_seconds_to_read",
                40L,
                "p90_seconds_to_read",
                60L)));

    expected.put(
        "cost_by_category_and_country",
        List.of(
            row(
                "pricing_category",
                "marketing",
                "country",
                "GB",
                "messages",
                1L,
                "billable",
                1L,
                "free",
                0L),
            row(
                "pricing_category",
                "service",
                "country",
                "GB",
                "messages",
                1L,
                "billable",
                0L,
                "free",
                1L),
            row(
                "pricing_category",
                "service",
                "country",
                "ZA",
                "messages",
                4L,
                "billable",
                0L,
                "free",
                4L),
            row(
                "pricing_category",
                "service",
                "country",
                "ZW",
                "messages",
                1L,
                "billable",
                0L,
                "free",
                1L),
            row(
                "pricing_category",
                "unpriced",
                "country",
                "ZA",
                "messages",
                1L,
                "billable",
                0L,
                "free",
                0L)));

    expected.put(
        "failures_by_error_code",
        List.of(
            row("error_code", 130429L, "error_source", "webhook", "messages", 1L),
            row("error_code", 131047L, "error_source", "graph_api", "messages", 1L),
            row("error_code", 131047L, "error_source", "webhook", "messages", 1L),
            row("error_code", 131056L, "error_source", "webhook", "messages", 1L)));

    List<String> calls = new ArrayList<>();
    TreeMap<String, long[]> byDay = new TreeMap<>();
    byDay.computeIfAbsent(key(day(now - 60), "generic", "completed"), k -> new long[2])[0]++;
    long[] answered =
        byDay.computeIfAbsent(key(day(now - 25 * 60), "twilio", "completed"), k -> new long[2]);
    answered[0]++;
    answered[1]++;
    byDay.computeIfAbsent(key(day(now - 9 * 60), "twilio", "no_answer"), k -> new long[2])[0]++;
    byDay.forEach(
        (key, counts) -> {
          String[] parts = key.split("\\|");
          calls.add(
              row(
                  "utc_date",
                  parts[0],
                  "provider",
                  parts[1],
                  "outcome",
                  parts[2],
                  "calls",
                  counts[0],
                  "summaries_delivered",
                  counts[1]));
        });
    expected.put("calls_by_provider_and_outcome", calls);

    expected.put(
        "optouts_by_week",
        List.of(
            row(
                "week_starting",
                day(now - 40 * 60)
                    .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)),
                "opted_out",
                1L,
                "still_opted_out",
                1L)));
    return expected;
  }

  private static Map<String, List<String>> answers(ExportReceipt export, ExportReceipt latest)
      throws Exception {
    Map<String, List<String>> answers = new LinkedHashMap<>();
    try (LocalAthena athena =
        LocalAthena.open(export.exportDirectory(), latest.exportDirectory())) {
      athena
          .runAll()
          .forEach(
              (name, rows) -> {
                List<String> texts = new ArrayList<>();
                rows.forEach(r -> texts.add(r.toString()));
                answers.put(name, texts);
              });
    }
    return answers;
  }

  private static String render(Map<String, List<String>> answers) {
    StringBuilder text = new StringBuilder();
    answers.forEach(
        (name, rows) -> {
          text.append(name).append('\n');
          rows.forEach(r -> text.append("  ").append(r).append('\n'));
        });
    return text.toString();
  }

  private static ExportReceipt export(String folder) throws Exception {
    return ExportCommand.export(
        gateway.gateway.dynamoDbEndpoint(), gateway.table, exports.resolve(folder));
  }

  /** A row as the query runner prints it: column=value in the query's column order. */
  private static String row(Object... pairs) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row.toString();
  }

  private static String key(Object... parts) {
    StringBuilder key = new StringBuilder();
    for (Object part : parts) {
      key.append(key.length() == 0 ? "" : "|").append(part);
    }
    return key.toString();
  }

  private static LocalDate day(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static void deliver(byte[] body) {
    HttpResponse<String> response = gateway.deliver(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String send(String body) throws Exception {
    HttpResponse<String> sent = gateway.api("POST", "/v1/messages", body, Map.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    return InboundGateway.JSON.readTree(sent.body()).path("id").asText();
  }

  private static String wamidOf(String messageId) {
    return gateway
        .awaitMessage(messageId, view -> view.path("wamid").asText().startsWith("wamid."))
        .path("wamid")
        .asText();
  }

  private static String sid() {
    return "CA" + String.format("%032x", System.nanoTime());
  }

  private static void twilio(
      String sid, String status, int sequence, long seconds, String duration, String customer)
      throws Exception {
    HttpResponse<String> response =
        TwilioCallbacks.signed(
            gateway,
            TwilioCallbacks.callback(sid, status, sequence, seconds, duration, "+" + customer),
            TWILIO_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** A completed inbound call from {@code customer} through the Standard Webhooks provider. */
  private static void generic(String callId, long seconds, String customer) throws Exception {
    String body =
        "{\"call_id\":\""
            + callId
            + "\",\"status\":\"completed\",\"direction\":\"inbound\","
            + "\"from\":\"+"
            + customer
            + "\",\"to\":\"+27105550100\",\"timestamp\":\""
            + Instant.ofEpochSecond(seconds)
            + "\",\"duration_s\":45}";
    String id = "msg_" + System.nanoTime();
    long timestamp = Instant.now().getEpochSecond();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/webhooks/voice/generic"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new Webhook(VOICE_WHSEC).sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Meta's status webhook for one message, with pricing (PMP) or an error as given. */
  private static void status(
      String wamid,
      String status,
      String recipient,
      long seconds,
      String category,
      boolean billable,
      Integer errorCode) {
    ObjectNode root = InboundGateway.JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode change =
        root.putArray("entry")
            .addObject()
            .put("id", "419561257915477")
            .putArray("changes")
            .addObject();
    change.put("field", "messages");
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "27105550100")
        .put("phone_number_id", Webhooks.PHONE_NUMBER_ID);
    ObjectNode entry = value.putArray("statuses").addObject();
    entry
        .put("id", wamid)
        .put("status", status)
        .put("timestamp", Long.toString(seconds))
        .put("recipient_id", recipient);
    if (category != null) {
      entry
          .putObject("pricing")
          .put("billable", billable)
          .put("pricing_model", "PMP")
          .put("category", category)
          .put("type", billable ? "regular" : "free_customer_service");
    }
    if (errorCode != null) {
      entry.putArray("errors").addObject().put("code", errorCode).put("title", "refused");
    }
    deliver(root.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An image from the customer (no caption). */
  private static byte[] image(String wamid, String waId, long seconds) {
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"27105550100\",\"phone_number_id\":\""
            + Webhooks.PHONE_NUMBER_ID
            + "\"},\"contacts\":[{\"wa_id\":\""
            + waId
            + "\",\"profile\":{\"name\":\"Photo Customer\"}}],\"messages\":[{\"from\":\""
            + waId
            + "\",\"id\":\""
            + wamid
            + "\",\"timestamp\":\""
            + seconds
            + "\",\"type\":\"image\",\"image\":{\"id\":\"1234567890\",\"mime_type\":\"image/jpeg\","
            + "\"sha256\":\"abc\"}}]}}]}]}";
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
