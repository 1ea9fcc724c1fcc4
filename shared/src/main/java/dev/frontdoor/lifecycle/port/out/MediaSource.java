package dev.frontdoor.lifecycle.port.out;

import dev.frontdoor.lifecycle.MediaFetch;

/**
 * Where media bytes come from: Meta's Graph API media endpoint ({@code GET /<version>/<media-id>},
 * then its short-lived URL). An implementation talks only to Meta's hosts, follows no redirect,
 * stops at {@code maxBytes} and at its time limit, and never sends the token elsewhere.
 */
public interface MediaSource {
  MediaFetch fetch(String mediaId, long maxBytes);
}
