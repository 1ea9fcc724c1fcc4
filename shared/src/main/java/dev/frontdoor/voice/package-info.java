/**
 * Voice calls. Each provider's call events ({@link dev.frontdoor.voice.TwilioCallEvents}, {@link
 * dev.frontdoor.voice.VonageCallEvents}, {@link dev.frontdoor.voice.ConnectContactEvents}, {@link
 * dev.frontdoor.voice.GenericCallEvents}, {@link dev.frontdoor.voice.WhatsAppCallEvents}) are read
 * into one model, {@link dev.frontdoor.voice.CallEvent}, with a normalized {@link
 * dev.frontdoor.voice.CallState}: pure code, no I/O. Signature checks happen before any of these
 * parsers sees a body.
 */
package dev.frontdoor.voice;
