package dev.frontdoor.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.infra.local.LocalAws;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.local.SqsEvents;
import dev.frontdoor.voice.TwilioSignature;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code bin/gateway bench coldstart [--runs N] [--jar PATH]... [--from-jar] [--cds] [--jvm-opts
 * "..."]}: each function's handler from the Lambda jar in a fresh JVM with Lambda's flags, from
 * process start to its first event handled against a local gateway's stores, beside a JVM that
 * prints hello (the floor), measured in the same runs and interleaved with them. The classes load
 * from the jar unzipped into a folder, as Lambda unzips the package into {@code /var/task}. Per
 * function: the JVM up to {@code main}, the constructor, the first event, the total and its ratio
 * to the floor (medians, wall and CPU); the classes loaded (one more, untimed, run); and the Lambda
 * jar's size. {@code --cds} first records an AppCDS archive of the four handlers' classes (one
 * training JVM) and runs each function a second time with it.
 *
 * <p>Each run chains the functions as production does: a signed webhook from a new customer
 * (stored), a send to that customer through the API (accepted and queued, on a queue of this
 * bench's own that the gateway does not drain), that queued message as an SQS event to the sender
 * (sent to the sandbox Graph API), and a signed Twilio call event (stored).
 */
public final class ColdStartBench {
  /** What Lambda's Java 17/21 runtimes run: template.yaml's JAVA_TOOL_OPTIONS, serial GC, CDS. */
  static final List<String> LAMBDA_FLAGS =
      List.of(
          "-XX:+TieredCompilation",
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xshare:auto",
          "-XX:MaxHeapSize=870m",
          "-Djava.net.preferIPv4Stack=true");

  private static final String APP_SECRET = "coldstart-app-secret-0123456789";
  private static final String API_TOKEN = "coldstart-api-token-0123456789";
  private static final String TWILIO_TOKEN = "coldstart-twilio-token-0123456789";
  private static final String DOMAIN = "coldstart.frontdoor.test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** The functions measured, in the order of a run, with their template ids. */
  enum Function {
    WEBHOOK("WhatsAppWebhookFunction", "dev.frontdoor.functions.WhatsAppWebhookHandler", 10),
    API("ApiFunction", "dev.frontdoor.functions.ApiHandler", 10),
    SENDER("SenderFunction", "dev.frontdoor.functions.SenderHandler", 20),
    VOICE("VoiceWebhookFunction", "dev.frontdoor.functions.VoiceWebhookHandler", 10),
    /** Not a function: the SDK's share of every cold start (the webhook's environment). */
    SDK_FLOOR("WhatsAppWebhookFunction", ColdStartSdkFloor.class.getName(), 10);

    final String functionId;
    final String handler;

    /** template.yaml's Timeout: the time left the sender's batch is planned against. */
    final String timeoutMillis;

    Function(String functionId, String handler, int timeoutSeconds) {
      this.functionId = functionId;
      this.handler = handler;
      this.timeoutMillis = Integer.toString(timeoutSeconds * 1000);
    }

    String shortName() {
      return handler.substring(handler.lastIndexOf('.') + 1);
    }
  }

  /** One child JVM's times, in ms from its spawn. */
  record Sample(long main, long constructed, long handled, long cpu) {
    long constructor() {
      return constructed - main;
    }

    long firstEvent() {
      return handled - constructed;
    }
  }

  private final Path root;
  private final List<Path> jars;
  private final Path work;
  private final List<String> flags;
  private LocalGateway gateway;
  private String privateQueueUrl;
  private String privateQueueArn;
  private int sequence;
  private static boolean snapStartInit;
  private static boolean fromJar;

  /** {@code --dump DIR}: each child JVM's output kept there (for attribution with --jvm-opts). */
  private static Path dump;

  /**
   * {@code --jar-opts "..."}: JVM options for the functions of the jar named just before (not the
   * hello floor), to compare flags in the same interleaved runs (copy the jar under another name).
   */
  private static final Map<Path, List<String>> jarOpts = new HashMap<>();

  private ColdStartBench(Path root, List<Path> jars, Path work, List<String> flags) {
    this.root = root;
    this.jars = jars;
    this.work = work;
    this.flags = flags;
  }

  /**
   * The Lambda package first, so the handlers come from it; the launcher's own jar after. As Lambda
   * runs it, the package is a folder ({@code /var/task} holds the unzipped jar), unless {@code
   * --from-jar} (or {@code --cds}: class data sharing refuses a non-empty folder on the class
   * path).
   */
  private String classpath(Path jar) throws IOException {
    Path classes = fromJar ? jar : unzipped(jar);
    return classes + File.pathSeparator + work.resolve("coldstart-launcher.jar");
  }

  /** The jar unzipped once into the work folder, as Lambda unzips the package into /var/task. */
  private Path unzipped(Path jar) throws IOException {
    Path folder = work.resolve("task-" + label(jar));
    if (Files.isDirectory(folder)) {
      return folder;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        Path target = folder.resolve(entry.getName()).normalize();
        if (!target.startsWith(folder)) {
          throw new IOException("entry outside the package: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
    return folder;
  }

  private static String label(Path jar) {
    return jar.getFileName().toString().replaceAll("\\.jar$", "");
  }

  /**
   * The launcher and the hello class in a jar of their own: class data sharing refuses a non-empty
   * directory on the classpath.
   */
  private void writeLauncherJar() throws IOException {
    String launcher = ColdStartLauncher.class.getName();
    List<String> classes =
        List.of(
            launcher,
            launcher + "$BenchContext",
            launcher + "$StdoutLogger",
            ColdStartHello.class.getName(),
            ColdStartSdkFloor.class.getName());
    try (JarOutputStream out =
        new JarOutputStream(Files.newOutputStream(work.resolve("coldstart-launcher.jar")))) {
      for (String type : classes) {
        String name = type.replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = loader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }

  private static ClassLoader loader() {
    return ColdStartBench.class.getClassLoader();
  }

  public static void main(String[] args) throws Exception {
    int runs = 5;
    List<Path> jars = new ArrayList<>();
    boolean cds = false;
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--jar" -> jars.add(Path.of(args[++i]).toAbsolutePath());
        case "--cds" -> cds = true;
        case "--snap-start-init" -> snapStartInit = true;
        case "--from-jar" -> fromJar = true;
        case "--dump" -> dump = Files.createDirectories(Path.of(args[++i]));
        case "--jar-opts" ->
            jarOpts.put(jars.get(jars.size() - 1), Arrays.asList(args[++i].trim().split("\\s+")));
        case "--jvm-opts" -> extra.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
        case "--help", "-h" -> {
          System.out.println(
              "bench coldstart [--runs N] [--jar PATH]... [--cds] [--snap-start-init]"
                  + " [--from-jar] [--jvm-opts \"-X... -X...\"] [--dump DIR]\n"
                  + "  --jar-opts \"-X...\": JVM options for the functions of the --jar before it\n"
                  + "  classes from the jar unzipped into a folder, as Lambda's /var/task;"
                  + " --from-jar: from the jar itself (--cds implies it)\n"
                  + "  several --jar: their runs interleaved, against one hello floor;"
                  + " --cds: one jar only");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    if (jars.isEmpty()) {
      jars.add(lambdaJar(root).toAbsolutePath());
    }
    if (cds && jars.size() > 1) {
      throw new IllegalArgumentException("--cds takes one jar");
    }
    fromJar |= cds;
    List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
    flags.addAll(extra);
    Path work = Files.createTempDirectory("frontdoor-coldstart-");
    ColdStartBench bench = new ColdStartBench(root, jars, work, flags);
    try {
      bench.run(runs, cds);
    } finally {
      deleteQuietly(work);
    }
    System.exit(0);
  }

  private static Path lambdaJar(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("functions/target"))) {
      return files
          .filter(
              path -> path.getFileName().toString().matches("frontdoor-functions-.*-lambda\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no Lambda jar: mvn -B -ntp -q -DskipTests package -pl functions -am"));
    }
  }

  private void run(int runs, boolean cds) throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(EnvVar.GATEWAY_PORT, "0");
    settings.put(EnvVar.GATEWAY_DATA_DIR, work.resolve("data").toString());
    settings.put(EnvVar.META_APP_SECRETS, APP_SECRET);
    settings.put(EnvVar.API_TOKENS, API_TOKEN);
    settings.put(EnvVar.TWILIO_AUTH_TOKENS, TWILIO_TOKEN);
    settings.put(EnvVar.META_PHONE_NUMBER_ID, Webhooks.PHONE_NUMBER_ID);
    writeLauncherJar();
    gateway = LocalGateway.start(root.resolve("template.yaml"), settings);
    try {
      var created =
          gateway
              .sqs()
              .createQueue(
                  request ->
                      request
                          .queueName("frontdoor-coldstart-outbound.fifo")
                          .attributes(
                              Map.of(
                                  QueueAttributeName.FIFO_QUEUE, "true",
                                  QueueAttributeName.VISIBILITY_TIMEOUT, "60")));
      privateQueueUrl = created.queueUrl();
      privateQueueArn =
          "arn:aws:sqs:" + LocalAws.REGION + ":000000000000:frontdoor-coldstart-outbound.fifo";
      System.out.printf(
          Locale.ROOT,
          "Cold start, %d runs, %d cores, classes from the %s, load average %.2f, flags %s%n",
          runs,
          Runtime.getRuntime().availableProcessors(),
          fromJar ? "jar" : "jar unzipped into a folder (as /var/task)",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          String.join(" ", flags));
      for (Path jar : jars) {
        System.out.printf(
            Locale.ROOT, "Lambda jar %s: %.2f MB%n", jar.getFileName(), Files.size(jar) / 1e6);
        bench(
            "part=jar jar=%s bytes=%d mb=%.2f", label(jar), Files.size(jar), Files.size(jar) / 1e6);
      }
      Map<String, List<Sample>> plain = measure(runs, List.of());
      print("", plain);
      countClasses();
      if (cds) {
        Path archive = work.resolve("frontdoor-cds.jsa");
        long started = System.currentTimeMillis();
        train(archive);
        System.out.printf(
            Locale.ROOT,
            "AppCDS archive: %.1f MB, recorded in %.1f s%n",
            Files.size(archive) / 1e6,
            (System.currentTimeMillis() - started) / 1e3);
        Map<String, List<Sample>> shared =
            measure(runs, List.of("-XX:SharedArchiveFile=" + archive));
        print("cds", shared);
      }
    } finally {
      gateway.close();
    }
  }

  /**
   * {@code runs} rounds of hello then each jar's functions, interleaved so load drifts hit all
   * alike. Keys: "hello", then "function", or "jar|function" when there are several jars.
   */
  private Map<String, List<Sample>> measure(int runs, List<String> more) throws Exception {
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      samples.computeIfAbsent("hello", k -> new ArrayList<>()).add(hello(more));
      for (Path jar : jars) {
        String waId = String.format(Locale.ROOT, "2786%07d", ++sequence);
        for (Function function : Function.values()) {
          samples
              .computeIfAbsent(
                  (jars.size() > 1 ? label(jar) + "|" : "") + function.shortName(),
                  k -> new ArrayList<>())
              .add(coldStart(jar, function, waId, more));
        }
      }
    }
    return samples;
  }

  private Sample hello(List<String> more) throws Exception {
    List<String> command = command(jars.get(0), more);
    command.add(ColdStartHello.class.getName());
    long spawned = System.currentTimeMillis();
    List<String> lines = exec(command, Map.of());
    long printed = field(lines, "hello_ms");
    return new Sample(
        printed - spawned, printed - spawned, printed - spawned, field(lines, "cpu_ms"));
  }

  private Sample coldStart(Path jar, Function function, String waId, List<String> more)
      throws Exception {
    Path event = work.resolve(function.name().toLowerCase(Locale.ROOT) + "-event.json");
    Files.write(event, event(function, waId));
    List<String> command = command(jar, more);
    command.addAll(1, jarOpts.getOrDefault(jar, List.of()));
    command.add(ColdStartLauncher.class.getName());
    command.add(function.handler);
    command.add(event.toString());
    command.add(function.timeoutMillis);
    long spawned = System.currentTimeMillis();
    List<String> lines = exec(command, environment(function));
    Sample sample =
        new Sample(
            field(lines, "main_ms") - spawned,
            field(lines, "constructed_ms") - spawned,
            field(lines, "handled_ms") - spawned,
            field(lines, "cpu_ms"));
    check(function, output(lines), lines);
    return sample;
  }

  /**
   * One more round, untimed, with the JVM's class-load log: how many classes each JVM loaded up to
   * its first event handled, and how many of them came from the JDK's shared archive (the default
   * CDS archive of the JDK's own classes, which {@code -Xshare:auto} maps) rather than being
   * parsed.
   */
  private void countClasses() throws Exception {
    System.out.println(
        "Classes loaded (one untimed run with -Xlog:class+load), total / from the"
            + " JDK's CDS archive / from the Lambda package:");
    for (Path jar : jars) {
      countClasses(jar);
    }
  }

  private void countClasses(Path jar) throws Exception {
    String waId = String.format(Locale.ROOT, "2788%07d", ++sequence);
    List<String> names = new ArrayList<>(List.of("hello"));
    for (Function function : Function.values()) {
      names.add(function.shortName());
    }
    String prefix = jars.size() > 1 ? label(jar) + " " : "";
    for (String name : names) {
      Path log = work.resolve("classes-" + (prefix + name).replace(' ', '-') + ".log");
      List<String> more = List.of("-Xlog:class+load=info:file=" + log);
      if (name.equals("hello")) {
        List<String> command = command(jar, more);
        command.add(ColdStartHello.class.getName());
        exec(command, Map.of());
      } else {
        Function function =
            Arrays.stream(Function.values())
                .filter(f -> f.shortName().equals(name))
                .findFirst()
                .orElseThrow();
        coldStart(jar, function, waId, more);
      }
      List<String> lines = Files.readAllLines(log);
      long shared =
          lines.stream().filter(line -> line.contains("source: shared objects file")).count();
      long packaged =
          lines.stream()
              .filter(
                  line -> line.contains("source: file:") && !line.contains("coldstart-launcher"))
              .count();
      System.out.printf(
          Locale.ROOT,
          "  %-" + (prefix.length() + 24) + "s %6d %6d %6d%n",
          prefix + name,
          lines.size(),
          shared,
          packaged);
      bench(
          "part=classes function=%s loaded=%d shared_archive=%d package=%d",
          (prefix.isEmpty() ? "" : label(jar) + "|") + name, lines.size(), shared, packaged);
    }
  }

  /**
   * One JVM that runs every handler once and writes the classes it loaded to {@code archive}. The
   * sender's event is a message queued beforehand (a webhook and an API call in their own JVMs);
   * what the training API call queues is drained after.
   */
  private void train(Path archive) throws Exception {
    String before = String.format(Locale.ROOT, "2787%07d", ++sequence);
    Path jar = jars.get(0);
    coldStart(jar, Function.WEBHOOK, before, List.of());
    coldStart(jar, Function.API, before, List.of());
    String waId = String.format(Locale.ROOT, "2787%07d", ++sequence);
    List<String> command = command(jar, List.of("-XX:ArchiveClassesAtExit=" + archive));
    command.add(ColdStartLauncher.class.getName());
    Map<String, String> env = new LinkedHashMap<>();
    for (Function function : Function.values()) {
      Path event = work.resolve("train-" + function.name().toLowerCase(Locale.ROOT) + ".json");
      Files.write(event, event(function, waId));
      command.add(function.handler);
      command.add(event.toString());
      command.add(function.timeoutMillis);
      env.putAll(environment(function));
    }
    exec(command, env);
    senderEvent();
  }

  private List<String> command(Path jar, List<String> more) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(more);
    command.add("-cp");
    command.add(classpath(jar));
    return command;
  }

  private Map<String, String> environment(Function function) {
    Map<String, String> env = new LinkedHashMap<>(gateway.functionEnvironment());
    env.putAll(
        gateway.deployment().environmentOf(function.functionId, gateway.functionEnvironment()));
    // The API queues to, and the sender reads from, this bench's queue (the gateway's is drained).
    env.put(EnvVar.OUTBOUND_QUEUE_URL, privateQueueUrl);
    if (snapStartInit) {
      // What the constructor does during a SnapStart init (its priming), to see its cost.
      env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    }
    return env;
  }

  private static List<String> exec(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    int exit = process.waitFor();
    if (dump != null) {
      Files.write(dump.resolve("child-" + process.pid() + ".out"), lines);
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "child JVM exited " + exit + ":\n" + String.join("\n", lines));
    }
    return lines;
  }

  private static long field(List<String> lines, String name) {
    for (String line : lines) {
      if (line.startsWith("COLDSTART ")) {
        for (String pair : line.split(" ")) {
          if (pair.startsWith(name + "=")) {
            return Long.parseLong(pair.substring(name.length() + 1));
          }
        }
      }
    }
    throw new IllegalStateException("no " + name + " in:\n" + String.join("\n", lines));
  }

  private static String output(List<String> lines) {
    return lines.stream()
        .filter(line -> line.startsWith("COLDSTART_OUTPUT "))
        .map(line -> line.substring("COLDSTART_OUTPUT ".length()))
        .findFirst()
        .orElse("");
  }

  /** The first event really did its work: stored, queued, sent (no batch item failure). */
  private static void check(Function function, String output, List<String> lines)
      throws IOException {
    JsonNode answer = JSON.readTree(output);
    boolean ok =
        switch (function) {
          case WEBHOOK ->
              answer.path("statusCode").asInt() == 200
                  && answer.path("body").asText().contains("\"new\":1");
          case API -> answer.path("statusCode").asInt() == 202;
          case SENDER ->
              answer.path("batchItemFailures").isArray()
                  && answer.path("batchItemFailures").isEmpty();
          case VOICE ->
              answer.path("statusCode").asInt() == 200
                  && answer.path("body").asText().contains("\"stored\"");
          case SDK_FLOOR -> answer.path("statusCode").asInt() == 200;
        };
    if (!ok) {
      throw new IllegalStateException(
          function.shortName()
              + " did not do its work: "
              + output
              + "\n"
              + String.join("\n", lines));
    }
  }

  private byte[] event(Function function, String waId) throws IOException {
    return switch (function) {
      case WEBHOOK -> webhookEvent(waId);
      case API -> apiEvent(waId);
      case SENDER -> senderEvent();
      case VOICE -> voiceEvent(waId);
      case SDK_FLOOR -> "{}".getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] webhookEvent(String waId) throws IOException {
    byte[] body =
        Webhooks.single(
            waId,
            "wamid.COLDSTART" + UUID.randomUUID().toString().replace("-", ""),
            Instant.now().getEpochSecond() - 60,
            "Cold Start");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("x-hub-signature-256", WebhookSignature.sign(body, Secret.of(APP_SECRET)));
    return httpEvent("POST /webhooks/whatsapp", "/webhooks/whatsapp", headers, body);
  }

  private static byte[] apiEvent(String waId) throws IOException {
    ObjectNode send = JSON.createObjectNode();
    send.put("to", waId);
    send.put("business_number_id", Webhooks.PHONE_NUMBER_ID);
    send.put("type", "text");
    send.putObject("text").put("body", "Your fridge arrives on Thursday morning.");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("authorization", "Bearer " + API_TOKEN);
    return httpEvent("POST /v1/messages", "/v1/messages", headers, JSON.writeValueAsBytes(send));
  }

  /** The message the API run queued, received from this bench's queue as Lambda's poller would. */
  private byte[] senderEvent() throws IOException {
    List<Message> messages =
        gateway
            .sqs()
            .receiveMessage(
                request ->
                    request
                        .queueUrl(privateQueueUrl)
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds(5)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      throw new IllegalStateException("the API run queued nothing");
    }
    Message message = messages.get(0);
    ObjectNode event = SqsEvents.of(List.of(message), privateQueueArn);
    gateway
        .sqs()
        .deleteMessage(
            request -> request.queueUrl(privateQueueUrl).receiptHandle(message.receiptHandle()));
    return JSON.writeValueAsBytes(event);
  }

  private static byte[] voiceEvent(String waId) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""));
    form.put("AccountSid", "AC00000000000000000000000000000000");
    form.put("CallStatus", "ringing");
    form.put("Direction", "inbound");
    form.put("From", "+" + waId);
    form.put("To", "+27105550100");
    form.put("Timestamp", RFC_1123.format(Instant.now()));
    form.put("SequenceNumber", "0");
    form.put("CallbackSource", "call-progress-events");
    Map<String, List<String>> params = new LinkedHashMap<>();
    form.forEach((name, value) -> params.put(name, List.of(value)));
    String path = "/webhooks/voice/twilio";
    String signature =
        TwilioSignature.sign("https://" + DOMAIN + path, params, Secret.of(TWILIO_TOKEN));
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/x-www-form-urlencoded");
    headers.put("x-twilio-signature", signature);
    return httpEvent(
        "POST " + path, path, headers, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTP API payload 2.0 event as API Gateway delivers it (text body, https caller). */
  private static byte[] httpEvent(
      String routeKey, String path, Map<String, String> headers, byte[] body) throws IOException {
    Instant now = Instant.now();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode headerNode = event.putObject("headers");
    headerNode.put("host", DOMAIN);
    headerNode.put("x-forwarded-proto", "https");
    headerNode.put("user-agent", "frontdoor-coldstart");
    headers.forEach(headerNode::put);
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "coldstart");
    context.put("domainName", DOMAIN);
    context.put("domainPrefix", "coldstart");
    ObjectNode http = context.putObject("http");
    http.put("method", "POST");
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", "frontdoor-coldstart");
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put(
        "time",
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC)
            .format(now));
    context.put("timeEpoch", now.toEpochMilli());
    event.put("body", new String(body, StandardCharsets.UTF_8));
    event.put("isBase64Encoded", false);
    return JSON.writeValueAsBytes(event);
  }

  private void print(String variant, Map<String, List<Sample>> samples) {
    List<Sample> hello = samples.get("hello");
    double floor = median(hello.stream().mapToLong(Sample::handled).toArray());
    double cpuFloor = median(hello.stream().mapToLong(Sample::cpu).toArray());
    String label = variant.isEmpty() ? "Lambda flags" : "Lambda flags + AppCDS archive";
    System.out.printf(
        Locale.ROOT,
        "%s, median of %d runs (load average after: %.2f), ms from spawn (wall) and the JVM's"
            + " CPU ms (all threads); x hello: total / hello's, per run: each run's own hello;"
            + " x sdk: CPU / the SDK floor's (%s: the table client built as the functions"
            + " build it, one PutItem):%n",
        label,
        hello.size(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Function.SDK_FLOOR.shortName());
    System.out.printf(
        Locale.ROOT,
        "  %-" + width(samples) + "s %7s %7s %7s %7s %7s %7s %7s %7s  %s%n",
        "function",
        "to main",
        "ctor",
        "1st evt",
        "total",
        "x hello",
        "cpu ms",
        "x hello",
        "x sdk",
        "per run (x hello)");
    for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
      List<Sample> list = entry.getValue();
      double main = median(list.stream().mapToLong(Sample::main).toArray());
      double ctor = median(list.stream().mapToLong(Sample::constructor).toArray());
      double first = median(list.stream().mapToLong(Sample::firstEvent).toArray());
      double total = median(list.stream().mapToLong(Sample::handled).toArray());
      double cpu = median(list.stream().mapToLong(Sample::cpu).toArray());
      String key = entry.getKey();
      List<Sample> sdk =
          samples.get(key.substring(0, key.indexOf('|') + 1) + Function.SDK_FLOOR.shortName());
      double sdkCpu =
          sdk == null ? Double.NaN : median(sdk.stream().mapToLong(Sample::cpu).toArray());
      StringBuilder perRun = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        perRun
            .append(i == 0 ? "" : " ")
            .append(
                String.format(
                    Locale.ROOT, "%.1f", (double) list.get(i).handled() / hello.get(i).handled()));
      }
      System.out.printf(
          Locale.ROOT,
          "  %-" + width(samples) + "s %7.0f %7.0f %7.0f %7.0f %6.1fx %7.0f %6.1fx %6.2fx  %s%n",
          entry.getKey().replace('|', ' '),
          main,
          ctor,
          first,
          total,
          total / floor,
          cpu,
          cpu / cpuFloor,
          cpu / sdkCpu,
          perRun);
      bench(
          "part=coldstart variant=%s function=%s runs=%d floor_ms=%.0f to_main_ms=%.0f"
              + " constructor_ms=%.0f first_event_ms=%.0f total_ms=%.0f ratio=%.2f"
              + " floor_cpu_ms=%.0f cpu_ms=%.0f cpu_ratio=%.2f sdk_floor_cpu_ms=%.0f"
              + " cpu_ratio_to_sdk_floor=%.2f",
          variant.isEmpty() ? "lambda" : variant,
          entry.getKey(),
          list.size(),
          floor,
          main,
          ctor,
          first,
          total,
          total / floor,
          cpuFloor,
          cpu,
          cpu / cpuFloor,
          sdkCpu,
          cpu / sdkCpu);
    }
  }

  private static int width(Map<String, List<Sample>> samples) {
    return samples.keySet().stream().mapToInt(String::length).max().orElse(8);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static void bench(String format, Object... args) {
    System.out.println("BENCH " + String.format(Locale.ROOT, format, args));
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(path -> path.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temporary directory: left for the system to clean.
    }
  }
}
