package dev.frontdoor.config;

/** Every configuration variable, by name. The same names are used in Lambda and locally. */
public final class EnvVar {
  private EnvVar() {}

  public static final String GATEWAY_PORT = "GATEWAY_PORT";
  public static final String GATEWAY_DATA_DIR = "GATEWAY_DATA_DIR";
  public static final String META_APP_SECRETS = "META_APP_SECRETS";
  public static final String META_VERIFY_TOKEN = "META_VERIFY_TOKEN";
  public static final String META_ACCESS_TOKEN = "META_ACCESS_TOKEN";
  public static final String META_PHONE_NUMBER_ID = "META_PHONE_NUMBER_ID";
  public static final String META_PHONE_NUMBER_IDS = "META_PHONE_NUMBER_IDS";
  public static final String GRAPH_API_URL = "GRAPH_API_URL";
  public static final String GRAPH_API_VERSION = "GRAPH_API_VERSION";
  public static final String API_TOKENS = "API_TOKENS";
  public static final String WA_THROUGHPUT_MPS = "WA_THROUGHPUT_MPS";

  /** Comma-separated Twilio auth tokens, current first (rotation). */
  public static final String TWILIO_AUTH_TOKENS = "TWILIO_AUTH_TOKENS";

  /**
   * The single-token form still set by the template and local defaults; read when the list is not.
   */
  public static final String TWILIO_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";

  /** Comma-separated Vonage signature secrets, current first (rotation). */
  public static final String VONAGE_SIGNATURE_SECRETS = "VONAGE_SIGNATURE_SECRETS";

  /**
   * The single-secret form still set by the template and local defaults; read when the list is not.
   */
  public static final String VONAGE_SIGNATURE_SECRET = "VONAGE_SIGNATURE_SECRET";

  /**
   * Comma-separated Standard Webhooks secrets ({@code whsec_<base64>}) for other voice providers.
   */
  public static final String VOICE_HMAC_SECRETS = "VOICE_HMAC_SECRETS";

  /** The https origin providers call when the API is behind a custom domain; signed URLs use it. */
  public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";

  /** The approved utility template that carries a call summary outside the service window. */
  public static final String SUMMARY_TEMPLATE_NAME = "SUMMARY_TEMPLATE_NAME";

  /** Its language code (default {@code en}). */
  public static final String SUMMARY_TEMPLATE_LANGUAGE = "SUMMARY_TEMPLATE_LANGUAGE";

  /** The time zone a summary writes the call's time in (default {@code Africa/Johannesburg}). */
  public static final String SUMMARY_TIME_ZONE = "SUMMARY_TIME_ZONE";

  public static final String CUSTOMER_REF_KEY = "CUSTOMER_REF_KEY";
  public static final String DEFAULT_REGION = "DEFAULT_REGION";
  public static final String GRAPH_API_TIMEOUT_MS = "GRAPH_API_TIMEOUT_MS";
  public static final String SEND_UNKNOWN_GRACE_SECONDS = "SEND_UNKNOWN_GRACE_SECONDS";
  public static final String SEND_LEASE_SECONDS = "SEND_LEASE_SECONDS";
  public static final String SEND_MAX_ATTEMPTS = "SEND_MAX_ATTEMPTS";
  public static final String SEND_RETRY_MAX_SECONDS = "SEND_RETRY_MAX_SECONDS";
  public static final String OUTBOUND_MAX_RECEIVE_COUNT = "OUTBOUND_MAX_RECEIVE_COUNT";
  public static final String PAIR_INTERVAL_MS = "PAIR_INTERVAL_MS";
  public static final String PAIR_BURST = "PAIR_BURST";
  public static final String OPT_OUT_KEYWORDS = "OPT_OUT_KEYWORDS";
  public static final String OPT_IN_KEYWORDS = "OPT_IN_KEYWORDS";
  public static final String RETENTION_DAYS = "RETENTION_DAYS";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String TABLE_NAME = "TABLE_NAME";
  public static final String OUTBOUND_QUEUE_URL = "OUTBOUND_QUEUE_URL";
  public static final String OUTBOUND_DLQ_URL = "OUTBOUND_DLQ_URL";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
  public static final String AWS_ENDPOINT_URL_SQS = "AWS_ENDPOINT_URL_SQS";

  /**
   * Where Amazon Connect's API is reached instead of {@code https://connect.<AWS_REGION>.amazonaws
   * .com}: the local Connect sandbox. Unset in Lambda.
   */
  public static final String CONNECT_ENDPOINT_URL = "CONNECT_ENDPOINT_URL";

  /** The EventBridge bus the table stream's events are published on (docs/events.md). */
  public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

  /** {@code true} puts message text in events (default {@code false}: ids, refs, statuses). */
  public static final String EVENTS_INCLUDE_BODY = "EVENTS_INCLUDE_BODY";

  /** Another EventBridge endpoint (a VPC endpoint, a test server); unset in AWS. */
  public static final String EVENTS_ENDPOINT_URL = "EVENTS_ENDPOINT_URL";

  /** Locally: where each event is POSTed, signed with the Standard Webhooks scheme. */
  public static final String EVENTS_WEBHOOK_URL = "EVENTS_WEBHOOK_URL";

  /** Locally: the {@code whsec_<base64>} secret the event webhook is signed with. */
  public static final String EVENTS_WEBHOOK_SECRET = "EVENTS_WEBHOOK_SECRET";

  /**
   * Turns the media archive on: an S3 bucket name, or locally a folder ({@code file:<path>}, an
   * absolute path, or a path with a {@code /}; relative to {@code GATEWAY_DATA_DIR}).
   */
  public static final String MEDIA_ARCHIVE_BUCKET = "MEDIA_ARCHIVE_BUCKET";

  /** The media-archive queue (set by the template / the local runtime). */
  public static final String MEDIA_ARCHIVE_QUEUE_URL = "MEDIA_ARCHIVE_QUEUE_URL";

  /** The largest media object fetched, in bytes (default 100 MB, Meta's document limit). */
  public static final String MEDIA_MAX_BYTES = "MEDIA_MAX_BYTES";

  /** How long fetching one media object may take, both requests together (default 30 s). */
  public static final String MEDIA_FETCH_TIMEOUT_MS = "MEDIA_FETCH_TIMEOUT_MS";

  /** Deliveries of a job that failed transiently before the media is recorded as failed. */
  public static final String MEDIA_ARCHIVE_MAX_ATTEMPTS = "MEDIA_ARCHIVE_MAX_ATTEMPTS";

  /** The SDK's own name for an S3 endpoint override (tests against moto); unset in Lambda. */
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
}
