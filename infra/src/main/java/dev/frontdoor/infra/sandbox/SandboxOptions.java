package dev.frontdoor.infra.sandbox;

import dev.frontdoor.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link SandboxGraphApi} behaves. Start from {@link #defaults(String)} and change what a
 * test needs with the {@code with...} methods.
 *
 * @param accessToken the bearer token every request must carry
 * @param port 0 for any free port
 * @param messagesPerSecond accepted messages per phone number id in any one-second window
 * @param pairInterval the time one message to the same recipient "earns" (Meta: 6 s)
 * @param pairBurst messages to one recipient that may be sent back to back
 * @param webhookTarget where status webhooks go; null for none
 * @param appSecret signs status webhooks; needed when webhookTarget is set
 * @param statusDelays the delays before sent, then delivered, then read (each after the previous)
 * @param webhookAttempts how many times one status post is tried
 * @param clock the time for rate limits, timestamps and records
 */
public record SandboxOptions(
    Secret accessToken,
    int port,
    int messagesPerSecond,
    Duration pairInterval,
    int pairBurst,
    URI webhookTarget,
    Secret appSecret,
    String wabaId,
    String displayPhoneNumber,
    List<Duration> statusDelays,
    int webhookAttempts,
    InstantSource clock) {

  public SandboxOptions {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(pairInterval, "pairInterval");
    Objects.requireNonNull(clock, "clock");
    statusDelays = List.copyOf(statusDelays);
    if (messagesPerSecond < 1 || pairBurst < 1 || webhookAttempts < 1) {
      throw new IllegalArgumentException("limits and attempts must be at least 1");
    }
    if (statusDelays.size() != 3) {
      throw new IllegalArgumentException("three status delays: sent, delivered, read");
    }
    if (webhookTarget != null && appSecret == null) {
      throw new IllegalArgumentException("status webhooks need the app secret to sign them");
    }
  }

  /** Meta's pair rate as its documentation describes it: one per 6 s, bursts of up to 45. */
  public SandboxOptions withMetaPairRate() {
    return withPairRate(Duration.ofSeconds(6), 45);
  }

  public static SandboxOptions defaults(String accessToken) {
    return new SandboxOptions(
        Secret.of(accessToken),
        0,
        80,
        Duration.ofSeconds(6),
        1,
        null,
        null,
        "102290129340398",
        "15550783881",
        List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)),
        3,
        InstantSource.system());
  }

  public SandboxOptions withPort(int value) {
    return new SandboxOptions(
        accessToken,
        value,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        webhookAttempts,
        clock);
  }

  public SandboxOptions withMessagesPerSecond(int value) {
    return new SandboxOptions(
        accessToken,
        port,
        value,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        webhookAttempts,
        clock);
  }

  public SandboxOptions withPairRate(Duration interval, int burst) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        interval,
        burst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        webhookAttempts,
        clock);
  }

  public SandboxOptions withWebhooks(URI target, Secret secret) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        target,
        secret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        webhookAttempts,
        clock);
  }

  public SandboxOptions withBusiness(String waba, String displayNumber) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        waba,
        displayNumber,
        statusDelays,
        webhookAttempts,
        clock);
  }

  public SandboxOptions withStatusDelays(Duration sent, Duration delivered, Duration read) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        List.of(sent, delivered, read),
        webhookAttempts,
        clock);
  }

  public SandboxOptions withWebhookAttempts(int value) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        value,
        clock);
  }

  public SandboxOptions withClock(InstantSource value) {
    return new SandboxOptions(
        accessToken,
        port,
        messagesPerSecond,
        pairInterval,
        pairBurst,
        webhookTarget,
        appSecret,
        wabaId,
        displayPhoneNumber,
        statusDelays,
        webhookAttempts,
        value);
  }
}
