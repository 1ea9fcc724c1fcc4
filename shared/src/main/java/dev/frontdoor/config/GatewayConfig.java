package dev.frontdoor.config;

import static dev.frontdoor.config.EnvVar.*;

import dev.frontdoor.common.PhoneNumberId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every setting of the gateway, parsed and checked once at start-up. A malformed value throws a
 * {@link ConfigException} naming the variable; values a given function does not need may be absent,
 * and {@code require*} methods name what is missing when a function does need it.
 */
public record GatewayConfig(
    int gatewayPort,
    Path gatewayDataDir,
    List<Secret> metaAppSecrets,
    Optional<Secret> metaVerifyToken,
    Optional<Secret> metaAccessToken,
    Optional<String> metaPhoneNumberId,
    List<String> metaPhoneNumberIds,
    Optional<URI> graphApiUrl,
    String graphApiVersion,
    List<Secret> apiTokens,
    int waThroughputMps,
    List<Secret> twilioAuthTokens,
    List<Secret> vonageSignatureSecrets,
    List<Secret> voiceHmacSecrets,
    Optional<URI> publicBaseUrl,
    Optional<Secret> customerRefKey,
    String defaultRegion,
    int retentionDays,
    Optional<String> tableName,
    Optional<String> outboundQueueUrl,
    Optional<String> outboundDlqUrl,
    Optional<URI> connectEndpointUrl) {

  public static final int DEFAULT_PORT = 3000;
  public static final String DEFAULT_DATA_DIR = ".gateway-data";
  public static final String DEFAULT_GRAPH_API_VERSION = "v23.0";
  public static final int DEFAULT_THROUGHPUT_MPS = 80;
  public static final int MAX_THROUGHPUT_MPS = 1000;
  public static final int DEFAULT_RETENTION_DAYS = 365;
  private static final int MIN_API_TOKEN_LENGTH = 16;
  private static final int MIN_REF_KEY_LENGTH = 16;

  /** Meta's webhook payloads reach about 3 MB; anything larger is refused before the HMAC. */
  public static final int MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

  private static final Pattern GRAPH_VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");
  private static final Pattern DIGITS = Pattern.compile("\\d{5,20}");
  private static final Pattern REGION_CODE = Pattern.compile("[A-Z]{2}");

  public static GatewayConfig from(Environment env) {
    return new GatewayConfig(
        intIn(env, GATEWAY_PORT, DEFAULT_PORT, 0, 65535),
        env.get(GATEWAY_DATA_DIR).map(Path::of).orElse(Path.of(DEFAULT_DATA_DIR)),
        secrets(env, META_APP_SECRETS, 1),
        env.get(META_VERIFY_TOKEN).map(Secret::of),
        env.get(META_ACCESS_TOKEN).map(Secret::of),
        phoneNumberIds(env).stream().findFirst(),
        phoneNumberIds(env),
        env.get(GRAPH_API_URL).map(value -> httpUrl(GRAPH_API_URL, value)),
        matching(env, GRAPH_API_VERSION, GRAPH_VERSION, "must look like v23.0")
            .orElse(DEFAULT_GRAPH_API_VERSION),
        secrets(env, API_TOKENS, MIN_API_TOKEN_LENGTH),
        intIn(env, WA_THROUGHPUT_MPS, DEFAULT_THROUGHPUT_MPS, 1, MAX_THROUGHPUT_MPS),
        secretsOrSingle(env, TWILIO_AUTH_TOKENS, TWILIO_AUTH_TOKEN),
        secretsOrSingle(env, VONAGE_SIGNATURE_SECRETS, VONAGE_SIGNATURE_SECRET),
        secrets(env, VOICE_HMAC_SECRETS, 1),
        env.get(PUBLIC_BASE_URL).map(GatewayConfig::publicBaseUrl),
        secrets(env, CUSTOMER_REF_KEY, MIN_REF_KEY_LENGTH).stream().findFirst(),
        env.get(DEFAULT_REGION)
            .map(value -> value.toUpperCase(Locale.ROOT))
            .map(
                value -> {
                  if (!REGION_CODE.matcher(value).matches()) {
                    throw new ConfigException(DEFAULT_REGION, "must be a two-letter region (ZA)");
                  }
                  return value;
                })
            .orElse("ZA"),
        intIn(env, RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1, 3650),
        env.get(TABLE_NAME),
        env.get(OUTBOUND_QUEUE_URL).map(value -> httpUrl(OUTBOUND_QUEUE_URL, value).toString()),
        env.get(OUTBOUND_DLQ_URL).map(value -> httpUrl(OUTBOUND_DLQ_URL, value).toString()),
        env.get(CONNECT_ENDPOINT_URL).map(value -> httpUrl(CONNECT_ENDPOINT_URL, value)));
  }

  /**
   * The numbers the deployment sends from, canonical (no leading zeros), the default first: {@code
   * META_PHONE_NUMBER_ID} when set, then each of {@code META_PHONE_NUMBER_IDS} (comma-separated).
   */
  private static List<String> phoneNumberIds(Environment env) {
    List<String> ids = new ArrayList<>();
    env.get(META_PHONE_NUMBER_ID)
        .ifPresent(value -> ids.add(phoneNumberId(META_PHONE_NUMBER_ID, value)));
    env.get(META_PHONE_NUMBER_IDS)
        .ifPresent(
            value -> {
              for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                  throw new ConfigException(
                      META_PHONE_NUMBER_IDS, "has an empty entry in its comma-separated list");
                }
                String id = phoneNumberId(META_PHONE_NUMBER_IDS, part.trim());
                if (!ids.contains(id)) {
                  ids.add(id);
                }
              }
            });
    return List.copyOf(ids);
  }

  private static String phoneNumberId(String name, String value) {
    if (!DIGITS.matcher(value).matches()) {
      throw new ConfigException(name, "each value must be a numeric phone number id");
    }
    return PhoneNumberId.canonicalOf(value);
  }

  public Secret requireVerifyToken() {
    return metaVerifyToken.orElseThrow(() -> missing(META_VERIFY_TOKEN));
  }

  public List<Secret> requireAppSecrets() {
    if (metaAppSecrets.isEmpty()) {
      throw missing(META_APP_SECRETS);
    }
    return metaAppSecrets;
  }

  public Secret requireCustomerRefKey() {
    return customerRefKey.orElseThrow(() -> missing(CUSTOMER_REF_KEY));
  }

  public List<Secret> requireApiTokens() {
    if (apiTokens.isEmpty()) {
      throw missing(API_TOKENS);
    }
    return apiTokens;
  }

  public List<Secret> requireTwilioAuthTokens() {
    if (twilioAuthTokens.isEmpty()) {
      throw missing(TWILIO_AUTH_TOKENS);
    }
    return twilioAuthTokens;
  }

  public List<Secret> requireVonageSignatureSecrets() {
    if (vonageSignatureSecrets.isEmpty()) {
      throw missing(VONAGE_SIGNATURE_SECRETS);
    }
    return vonageSignatureSecrets;
  }

  public List<Secret> requireVoiceHmacSecrets() {
    if (voiceHmacSecrets.isEmpty()) {
      throw missing(VOICE_HMAC_SECRETS);
    }
    return voiceHmacSecrets;
  }

  public String requireTableName() {
    return tableName.orElseThrow(() -> missing(TABLE_NAME));
  }

  private static ConfigException missing(String variable) {
    return new ConfigException(variable, "is required by this function but not set");
  }

  private static int intIn(Environment env, String name, int fallback, int min, int max) {
    Optional<String> raw = env.get(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number between " + min + " and " + max);
    }
  }

  private static Optional<String> matching(
      Environment env, String name, Pattern pattern, String expectation) {
    return env.get(name)
        .map(
            value -> {
              if (!pattern.matcher(value).matches()) {
                throw new ConfigException(name, expectation);
              }
              return value;
            });
  }

  private static List<Secret> secrets(Environment env, String name, int minLength) {
    return env.get(name).map(value -> splitSecrets(name, value, minLength)).orElse(List.of());
  }

  /**
   * The comma-separated list {@code listName}, else the one value of {@code singleName} (the name
   * deployments set before rotation was supported); both at once is ambiguous and refused.
   */
  private static List<Secret> secretsOrSingle(Environment env, String listName, String singleName) {
    if (env.get(listName).isPresent() && env.get(singleName).isPresent()) {
      throw new ConfigException(listName, "set either it or " + singleName + ", not both");
    }
    return env.get(singleName)
        .map(value -> List.of(Secret.of(value)))
        .orElseGet(() -> secrets(env, listName, 1));
  }

  /** An https origin (scheme, host, optional port): the path comes from the request. */
  private static URI publicBaseUrl(String value) {
    URI uri = httpUrl(PUBLIC_BASE_URL, value);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!uri.getScheme().equalsIgnoreCase("https")
        || uri.getRawUserInfo() != null
        || !(path.isEmpty() || path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new ConfigException(
          PUBLIC_BASE_URL, "must be an https origin such as https://voice.example.com");
    }
    return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  private static List<Secret> splitSecrets(String name, String value, int minLength) {
    Function<String, Secret> check =
        part -> {
          if (part.length() < minLength) {
            throw new ConfigException(
                name, "each comma-separated value must be at least " + minLength + " characters");
          }
          return Secret.of(part);
        };
    List<String> parts = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    if (parts.stream().anyMatch(String::isEmpty)) {
      throw new ConfigException(name, "has an empty entry in its comma-separated list");
    }
    return parts.stream().map(check).toList();
  }

  private static URI httpUrl(String name, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new ConfigException(name, "must be an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(name, "is not a valid URL");
    }
  }
}
