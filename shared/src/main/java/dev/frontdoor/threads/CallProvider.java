package dev.frontdoor.threads;

/** Who reported a call: the word in the lookup key {@code CALL#<provider>#<provider call id>}. */
public enum CallProvider {
  TWILIO("twilio"),
  VONAGE("vonage"),
  CONNECT("connect"),
  WHATSAPP("whatsapp"),
  GENERIC("generic");

  private final String key;

  CallProvider(String key) {
    this.key = key;
  }

  /** The lowercase word stored in keys and items ({@code provider} attribute). */
  public String key() {
    return key;
  }

  /** The pk of the call lookup item (data model 6): {@code CALL#twilio#CA...}. */
  public String lookupKey(String providerCallId) {
    return "CALL#" + key + "#" + providerCallId;
  }
}
