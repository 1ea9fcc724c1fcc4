/**
 * Voice calls (to come): call events, SIP and media sessions get their use cases, model and ports
 * here.
 */
package dev.frontdoor.voice;
