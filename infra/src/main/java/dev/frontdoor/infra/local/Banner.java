package dev.frontdoor.infra.local;

import dev.frontdoor.config.EnvVar;
import java.util.Map;

/** What bin/gateway prints once it is ready: where, with which secrets, and a first request. */
final class Banner {
  private Banner() {}

  static String render(LocalGateway gateway, long startMillis) {
    Map<String, String> env = gateway.functionEnvironment();
    StringBuilder out = new StringBuilder();
    out.append("\nFrontdoor local gateway ready in ").append(startMillis).append(" ms\n");
    out.append("  listening on   ").append(gateway.baseUri()).append(" (loopback only)\n");
    out.append("  data kept in   ")
        .append(
            java.nio.file.Path.of(env.getOrDefault(EnvVar.GATEWAY_DATA_DIR, ".gateway-data"))
                .toAbsolutePath()
                .normalize())
        .append('\n');
    for (String function : gateway.functionUrlFunctions()) {
      out.append("  function URL   ")
          .append(gateway.functionUrl(function).orElseThrow())
          .append(" (")
          .append(function)
          .append(")\n");
    }
    out.append("  dynamodb       ").append(gateway.dynamoDbEndpoint()).append('\n');
    out.append("  sqs            ").append(gateway.sqsEndpoint()).append('\n');
    out.append("  tables         ").append(gateway.deployment().tableNames().values()).append('\n');
    gateway
        .deployment()
        .queues()
        .values()
        .forEach(queue -> out.append("  queue          ").append(queue.name()).append('\n'));
    out.append("  sends from     business number ")
        .append(gateway.functionEnvironment().getOrDefault(EnvVar.META_PHONE_NUMBER_ID, "(none)"))
        .append('\n');
    out.append("\n  secrets:\n");
    for (String name : DevDefaults.VALUES.keySet().stream().sorted().toList()) {
      String dev = gateway.devSecrets().get(name);
      out.append("    ").append(String.format("%-24s", name));
      out.append(
          dev != null ? dev + "   <- DEVELOPMENT ONLY" : "(from your environment, not shown)");
      out.append('\n');
    }
    String token =
        gateway.devSecrets().getOrDefault(EnvVar.META_VERIFY_TOKEN, "$META_VERIFY_TOKEN");
    out.append("\n  try the WhatsApp webhook handshake:\n");
    out.append("    curl '")
        .append(gateway.baseUri())
        .append("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=")
        .append(token)
        .append("&hub.challenge=hello'\n");
    out.append("    curl ").append(gateway.baseUri()).append("/local/health\n");
    out.append("\n  Ctrl-C stops the gateway; data stays in the data directory.\n");
    return out.toString();
  }
}
