package dev.frontdoor.inbound;

/** What the handshake answers: the challenge to echo, or why not. */
public sealed interface SubscriptionAnswer {

  /** Mode and token match: echo the challenge as text/plain. */
  record Accepted(String challenge) implements SubscriptionAnswer {}

  /** Wrong mode or token: 403. */
  record Refused(String reason) implements SubscriptionAnswer {}

  /** The request cannot be a handshake at all (no or malformed challenge): 400. */
  record Malformed(String reason) implements SubscriptionAnswer {}
}
