package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.adapter.in.stream.DynamoDbStreamRecords;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.analytics.events.StoredChange;
import dev.frontdoor.analytics.events.port.in.PublishStoredChanges;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.infra.sandbox.SandboxConnect;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.infra.template.SamTemplate.Route;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole gateway on this machine: dynalite as a child process and ElasticMQ in-process,
 * template.yaml's table and queues created on them, and an HTTP server on loopback that hands each
 * request on a template route to the same handler class Lambda runs, as an HTTP API payload 2.0
 * event.
 */
public final class LocalGateway implements AutoCloseable {
  /**
   * Execution environments per queue consumer, at most: {@code -Dfrontdoor.local.environments=N}
   * (default 8) models more, each a handler with its own clients.
   */
  static final int LOCAL_ENVIRONMENTS = Integer.getInteger("frontdoor.local.environments", 8);

  /** Lambda's synchronous invocation payload limit: bigger requests never reach a function. */
  static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

  private static final Log LOG = Log.of(LocalGateway.class);

  static {
    // The JDK server leaves Nagle's algorithm on: each response then waits ~40 ms for the
    // client's delayed ACK. Read once, when the server's configuration class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalDynamoDb dynamoDbServer;
  private final EmbeddedSqs sqsServer;
  private final SdkHttpClient httpClient;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final LocalDeployment deployment;
  private final Map<String, FunctionHost> functions = new LinkedHashMap<>();
  private final RouteTable routes;
  private final java.util.List<SamTemplate.RuleTarget> ruleTargets;
  private final HttpServer server;

  /** Each function URL of the template on a loopback port of its own, as a URL is its own host. */
  private final Map<String, HttpServer> functionUrls = new LinkedHashMap<>();

  private final ExecutorService executor;
  private final Map<String, String> devSecrets;
  private final Map<String, String> functionEnvironment;
  private final Optional<SandboxGraphApi> sandbox;
  private final Optional<SandboxConnect> connect;
  private final SamTemplate template;
  private final java.util.List<LocalEventSource> eventSources = new java.util.ArrayList<>();
  private final LocalEvents events;
  private final StreamPublishing streamPublishing = new StreamPublishing();
  private final LocalTableStream tableStream;
  private final Path dataDir;

  /** Every execution environment started, to release them on close. */
  private final java.util.List<FunctionHost> environments = new java.util.ArrayList<>();

  private LocalGateway(SamTemplate template, Map<String, String> rawSettings) throws IOException {
    this.template = template;
    DevDefaults.Applied applied = DevDefaults.apply(rawSettings);
    this.devSecrets = applied.filled();
    Map<String, String> settings = applied.settings();
    GatewayConfig config = GatewayConfig.from(Environment.of(settings));

    Path dataDir = config.gatewayDataDir().toAbsolutePath();
    this.dataDir = dataDir;
    this.dynamoDbServer = LocalDynamoDb.start(0, Optional.of(dataDir.resolve("dynamodb")));
    this.sqsServer = EmbeddedSqs.start(0, Optional.of(dataDir.resolve("sqs")));
    Environment awsEnv = LocalAws.environment(dynamoDbServer.endpoint(), sqsServer.endpoint());
    this.httpClient = ApacheHttpClient.builder().build();
    // The local runtime's own client: its writes (tests' seeds, the benchmarks' raw puts) are not
    // the functions' and give no stream record; the stream reads images with it.
    this.dynamoDb =
        DynamoDbClient.builder()
            .httpClient(httpClient)
            .region(AwsClients.region(awsEnv))
            .credentialsProvider(AwsClients.credentials(awsEnv))
            .endpointOverride(dynamoDbServer.endpoint())
            .overrideConfiguration(
                client ->
                    client.putExecutionAttribute(TableStreamInterceptor.NOT_STREAMED, Boolean.TRUE))
            .build();
    this.sqs = AwsClients.sqs(awsEnv, httpClient);
    this.deployment = LocalDeployment.create(template, LocalAws.REGION, dynamoDb, sqs);
    deployment.queues().values().forEach(queue -> RestoredFifoQueue.resend(sqs, queue));

    // The table's stream, locally: the functions' SDK clients hand their writes to LocalTableStream
    // (TableStreamInterceptor), whose records feed the same integration event mapping the stream
    // publisher function runs in AWS.
    this.events = LocalEvents.from(Environment.of(settings));
    EventSourceFilter streamFilter = EventSourceFilter.of(template.tableStreamFilterPatterns());
    PublishStoredChanges publish =
        new Composition(Environment.of(settings)).publishStoredChanges(events);
    this.tableStream =
        LocalTableStream.start(
            dynamoDbServer.endpoint(),
            dynamoDb,
            this::keyNames,
            // One batch of records, one use case call, as the stream publisher function gets them:
            // only the records its event source's filter passes (template.yaml's FilterCriteria).
            records -> {
              long start = System.nanoTime();
              List<StoredChange> changes = new java.util.ArrayList<>(records.size());
              for (JsonNode record : records) {
                if (streamFilter.matches(record)) {
                  changes.add(DynamoDbStreamRecords.record(record).change());
                }
              }
              if (changes.isEmpty()) {
                return;
              }
              int published = publish.publish(changes).published();
              streamPublishing.record(changes.size(), published, System.nanoTime() - start);
            },
            LocalAws.REGION);
    // Bound first: the sandbox Graph API posts its status webhooks back to this address.
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.gatewayPort()), 64);
    Map<String, String> shared = new LinkedHashMap<>(settings);
    shared.putAll(awsEnv.asMap());
    this.sandbox = startSandbox(config, shared);
    this.connect = startConnect(config, shared);
    this.functionEnvironment = shared;
    for (Route route : template.routes()) {
      functions.computeIfAbsent(
          route.functionId(), id -> startFunction(template, id, route.handlerClass(), shared));
    }
    // Like Lambda, each concurrent batch runs in its own execution environment (handler instance),
    // up to LOCAL_ENVIRONMENTS per queue on this machine (the deployed sender may run 50).
    for (SamTemplate.QueueConsumer consumer : template.queueConsumers()) {
      for (int i = 0; i < Math.min(consumer.maxConcurrency(), LOCAL_ENVIRONMENTS); i++) {
        FunctionHost function =
            i == 0
                ? functions.computeIfAbsent(
                    consumer.functionId(),
                    id -> startFunction(template, id, consumer.handlerClass(), shared))
                : startFunction(template, consumer.functionId(), consumer.handlerClass(), shared);
        eventSources.add(
            new LocalEventSource(
                sqs,
                deployment.queues().get(consumer.queueId()),
                function,
                consumer.batchSize(),
                i));
      }
    }
    this.routes = new RouteTable(template.routes());
    this.ruleTargets = template.ruleTargets();
    for (SamTemplate.RuleTarget target : ruleTargets) {
      functions.computeIfAbsent(
          target.functionId(), id -> startFunction(template, id, target.handlerClass(), shared));
    }

    this.executor = Executors.newFixedThreadPool(16);
    for (SamTemplate.FunctionUrl url : template.functionUrls()) {
      functions.computeIfAbsent(
          url.functionId(), id -> startFunction(template, id, url.handlerClass(), shared));
      HttpServer urlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      urlServer.setExecutor(executor);
      urlServer.createContext("/", exchange -> serveFunctionUrl(exchange, url.functionId()));
      functionUrls.put(url.functionId(), urlServer);
    }
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
    functionUrls.values().forEach(HttpServer::start);
  }

  /**
   * Without {@code GRAPH_API_URL}, the sandbox Graph API stands in for Meta: it checks requests
   * against Meta's schema and limits, and posts signed status webhooks back to this gateway.
   */
  /**
   * Without {@code CONNECT_ENDPOINT_URL}, a sandbox Connect API answers DescribeContact for the
   * contacts registered on it, so Amazon Connect events find their customer locally.
   */
  private static Optional<SandboxConnect> startConnect(
      GatewayConfig config, Map<String, String> env) {
    if (config.connectEndpointUrl().isPresent()) {
      return Optional.empty();
    }
    SandboxConnect connect = SandboxConnect.start(0);
    env.put(EnvVar.CONNECT_ENDPOINT_URL, connect.baseUri().toString());
    return Optional.of(connect);
  }

  /** The sandbox Connect API, when this gateway runs one. */
  public Optional<SandboxConnect> connect() {
    return connect;
  }

  private Optional<SandboxGraphApi> startSandbox(GatewayConfig config, Map<String, String> env) {
    if (config.graphApiUrl().isPresent()) {
      return Optional.empty();
    }
    SandboxGraphApi graph =
        SandboxGraphApi.start(
            SandboxOptions.defaults(config.metaAccessToken().orElseThrow().reveal())
                .withMessagesPerSecond(config.waThroughputMps())
                .withMetaPairRate()
                .withWebhooks(
                    URI.create(
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp"),
                    config.requireAppSecrets().get(0)));
    env.put(EnvVar.GRAPH_API_URL, graph.baseUri().toString());
    return Optional.of(graph);
  }

  /** The sandbox Graph API, when this gateway runs one (no {@code GRAPH_API_URL} configured). */
  /** What the local table stream handed to the integration event publisher so far. */
  public StreamPublishing.Totals streamPublishing() {
    tableStream.flush();
    return streamPublishing.totals();
  }

  public Optional<SandboxGraphApi> sandbox() {
    return sandbox;
  }

  /** Starts the gateway; {@code GATEWAY_PORT=0} picks a free port (tests). */
  public static LocalGateway start(Path templateFile, Map<String, String> settings)
      throws IOException {
    return new LocalGateway(SamTemplate.load(templateFile), settings);
  }

  private FunctionHost startFunction(
      SamTemplate template, String functionId, String handlerClass, Map<String, String> shared) {
    Map<String, String> env = new LinkedHashMap<>(shared);
    env.putAll(deployment.environmentOf(functionId, shared));
    int memory = functionProperty(template, functionId, "MemorySize", 128);
    int timeout = functionProperty(template, functionId, "Timeout", 3);
    FunctionHost function =
        FunctionHost.start(functionId, handlerClass, Environment.of(env), memory, timeout);
    environments.add(function);
    return function;
  }

  /** A function's number property (MemorySize, Timeout), its own or the template's Globals. */
  public static int functionProperty(
      SamTemplate template, String functionId, String name, int fallback) {
    Map<String, Object> globals =
        SamTemplate.map(SamTemplate.map(template.raw().get("Globals")).get("Function"));
    Map<String, Object> own = SamTemplate.map(template.resource(functionId).get("Properties"));
    Object value = own.containsKey(name) ? own.get(name) : globals.get(name);
    return value instanceof Number number ? number.intValue() : fallback;
  }

  /** A table's key attribute names, as the table was created. */
  private List<String> keyNames(String table) {
    return dynamoDb.describeTable(request -> request.tableName(table)).table().keySchema().stream()
        .map(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement::attributeName)
        .toList();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * The local stand-in for a function's Lambda function URL (template {@code FunctionUrlConfig}),
   * with the trailing slash the deployed output has; empty for a function without one.
   */
  public Optional<URI> functionUrl(String functionId) {
    return Optional.ofNullable(functionUrls.get(functionId))
        .map(url -> URI.create("http://127.0.0.1:" + url.getAddress().getPort() + "/"));
  }

  /** The functions that have a function URL, in template order. */
  public List<String> functionUrlFunctions() {
    return List.copyOf(functionUrls.keySet());
  }

  /** The local DynamoDB engine's endpoint, for the AWS CLI or a test ({@code --endpoint-url}). */
  public URI dynamoDbEndpoint() {
    return dynamoDbServer.endpoint();
  }

  public URI sqsEndpoint() {
    return sqsServer.endpoint();
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public LocalDeployment deployment() {
    return deployment;
  }

  /** The development secrets filled in because their variables were unset. */
  public Map<String, String> devSecrets() {
    return devSecrets;
  }

  /** The environment every local function was given, before its template variables. */
  public Map<String, String> functionEnvironment() {
    return functionEnvironment;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readLimited(exchange.getRequestBody());
      if (body == null) {
        send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
        return;
      }
      String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      if (method.equals("GET") && path.equals("/local/health")) {
        send(exchange, 200, "application/json", health());
        return;
      }
      if (method.equals("GET") && path.equals("/local/events")) {
        String query = exchange.getRequestURI().getRawQuery();
        boolean failed =
            query != null && java.util.Arrays.asList(query.split("&")).contains("failed");
        // Records still on their way to the publisher are published first: reads see every write.
        tableStream.flush();
        send(exchange, 200, "application/json", failed ? events.failedJson() : events.listJson());
        return;
      }
      if (method.equals("POST") && path.equals("/local/redrive")) {
        int moved = Redrive.all(sqs, deployment, template);
        send(exchange, 200, "application/json", "{\"redriven\":" + moved + "}");
        return;
      }
      if (method.equals("POST") && path.equals("/local/export")) {
        export(exchange, body);
        return;
      }
      if (method.equals("POST") && path.equals("/local/eventbridge")) {
        putEvent(exchange, body);
        return;
      }
      Optional<RouteTable.Match> match = routes.match(method, path);
      if (match.isEmpty()) {
        send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
        return;
      }
      invoke(exchange, match.get(), body);
    } catch (RuntimeException e) {
      LOG.error("local.request.failed").error(e).write();
    }
  }

  /**
   * What EventBridge does with an event on the default bus: every rule whose pattern matches its
   * {@code source} and {@code detail-type} invokes its function with the event as it is.
   */
  private void putEvent(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject()) {
      send(exchange, 400, "application/json", "{\"message\":\"an EventBridge event (JSON)\"}");
      return;
    }
    String source = event.path("source").asText("");
    String detailType = event.path("detail-type").asText("");
    ArrayNode results = JSON.createArrayNode();
    for (SamTemplate.RuleTarget target : ruleTargets) {
      if (!target.matches(source, detailType)) {
        continue;
      }
      ObjectNode result = results.addObject().put("function", target.functionId());
      try {
        byte[] answer = functions.get(target.functionId()).invoke(body);
        result.set("result", JSON.readTree(answer));
      } catch (IOException | RuntimeException e) {
        // EventBridge would retry the invocation; locally the caller sees the failure.
        LOG.error("local.function.failed").field("function", target.functionId()).error(e).write();
        result.put("error", "the function failed; EventBridge would retry it");
      }
    }
    send(
        exchange,
        200,
        "application/json",
        JSON.createObjectNode().set("invoked", results).toString());
  }

  /**
   * {@code bin/gateway export} while the gateway runs (LevelDB has one owner): the table written as
   * DynamoDB's export to S3 under the body's {@code out} folder, else {@code
   * GATEWAY_DATA_DIR/exports}.
   */
  private void export(HttpExchange exchange, byte[] body) throws IOException {
    Path out = dataDir.resolve("exports");
    if (body.length > 0) {
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        request = null;
      }
      if (request == null
          || !request.isObject()
          || request.has("out") && !request.get("out").isTextual()) {
        send(exchange, 400, "application/json", "{\"message\":\"body: {\\\"out\\\": folder}\"}");
        return;
      }
      if (request.has("out")) {
        out = Path.of(request.get("out").asText()).toAbsolutePath();
      }
    }
    try {
      dev.frontdoor.analytics.ExportReceipt receipt =
          dev.frontdoor.infra.analytics.ExportCommand.export(
              dynamoDbServer.endpoint(), deployment.tableNames().get("Table"), out);
      ObjectNode answer = JSON.createObjectNode();
      answer.put("export_id", receipt.exportId());
      answer.put("export_dir", receipt.exportDirectory().toString());
      answer.put("export_time", receipt.exportTime().toString());
      answer.put("items", receipt.itemCount());
      answer.put("billed_size_bytes", receipt.billedSizeBytes());
      receipt.dataFiles().forEach(file -> answer.withArray("data_files").add(file.toString()));
      send(exchange, 200, "application/json", answer.toString());
    } catch (Exception e) {
      LOG.error("local.export.failed").error(e).write();
      send(exchange, 500, "application/json", "{\"message\":\"the export failed; see the log\"}");
    }
  }

  /**
   * A request on a function URL: every method and path reaches the function, as route {@code
   * $default} with the raw path (the function routes it), within Lambda's payload limit.
   */
  private void serveFunctionUrl(HttpExchange exchange, String functionId) throws IOException {
    try (exchange) {
      byte[] body = readLimited(exchange.getRequestBody());
      if (body == null) {
        send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
        return;
      }
      invoke(exchange, functionId, HttpApiEvents.functionUrl(exchange, body));
    } catch (RuntimeException e) {
      LOG.error("local.request.failed").field("function", functionId).error(e).write();
    }
  }

  private void invoke(HttpExchange exchange, RouteTable.Match match, byte[] body)
      throws IOException {
    invoke(exchange, match.route().functionId(), HttpApiEvents.build(exchange, match, body));
  }

  private void invoke(HttpExchange exchange, String functionId, byte[] event) throws IOException {
    byte[] response;
    try {
      response = functions.get(functionId).invoke(event);
    } catch (IOException | RuntimeException e) {
      LOG.error("local.function.failed").field("function", functionId).error(e).write();
      send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
      return;
    }
    Optional<HttpApiAnswers.Answer> answer = HttpApiAnswers.read(response);
    if (answer.isEmpty()) {
      send(
          exchange,
          200,
          "application/json",
          response == null ? "" : new String(response, StandardCharsets.UTF_8));
      return;
    }
    answer
        .get()
        .headers()
        .forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
    answer
        .get()
        .cookies()
        .forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
    byte[] bytes = answer.get().body();
    exchange.sendResponseHeaders(answer.get().status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String health() {
    ObjectNode health = JSON.createObjectNode();
    boolean ok = true;
    ObjectNode tables = health.putObject("tables");
    for (String table : deployment.tableNames().values()) {
      String status = dynamoDb.describeTable(r -> r.tableName(table)).table().tableStatusAsString();
      tables.put(table, status);
      ok &= status.equals("ACTIVE");
    }
    ObjectNode queues = health.putObject("queues");
    for (LocalDeployment.LocalQueue queue : deployment.queues().values()) {
      String visible =
          sqs.getQueueAttributes(
                  r ->
                      r.queueUrl(queue.url())
                          .attributeNamesWithStrings("ApproximateNumberOfMessages"))
              .attributesAsStrings()
              .get("ApproximateNumberOfMessages");
      queues.put(queue.name(), Integer.parseInt(visible));
    }
    tableStream.flush();
    health.set("events", events.stats());
    health.put("status", ok ? "ok" : "degraded");
    ObjectNode routeList = health.putObject("functions");
    functions.keySet().forEach(id -> routeList.put(id, "ready"));
    ObjectNode urls = health.putObject("function_urls");
    functionUrls.keySet().forEach(id -> urls.put(id, functionUrl(id).orElseThrow().toString()));
    return health.toString();
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_EVENT_BYTES + 1);
    return bytes.length > MAX_EVENT_BYTES ? null : bytes;
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    eventSources.forEach(LocalEventSource::close);
    environments.forEach(FunctionHost::close);
    tableStream.close();
    events.close();
    sandbox.ifPresent(SandboxGraphApi::close);
    connect.ifPresent(SandboxConnect::close);
    server.stop(0);
    functionUrls.values().forEach(url -> url.stop(0));
    executor.shutdownNow();
    sqsServer.close();
    dynamoDb.close();
    sqs.close();
    httpClient.close();
    dynamoDbServer.close();
  }

  public static void main(String[] args) throws Exception {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    LocalGateway gateway;
    try {
      gateway = start(root.resolve("template.yaml"), System.getenv());
    } catch (ConfigException e) {
      System.err.println("frontdoor: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  System.out.println("frontdoor: stopped");
                }));
    System.out.println(Banner.render(gateway, System.currentTimeMillis() - jvmStart));
    Thread.currentThread().join();
  }
}
