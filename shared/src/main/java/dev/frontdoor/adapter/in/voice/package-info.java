/**
 * Inbound adapters for voice providers' webhooks: the signature checks that need a third-party
 * library (a JWT verifier, the Standard Webhooks reference library), which the {@code voice} core
 * may not import. They answer the core's {@link dev.frontdoor.voice.VoiceSignatureResult}.
 */
package dev.frontdoor.adapter.in.voice;
