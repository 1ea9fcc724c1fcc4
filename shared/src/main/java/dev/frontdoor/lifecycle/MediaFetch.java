package dev.frontdoor.lifecycle;

/**
 * What fetching one media object from Meta gave: its bytes, or a refusal that a retry cannot change
 * (unknown media, a host not on the allow-list, a redirect, too large), or a failure worth another
 * attempt (a timeout, 5xx, 429, a dropped connection).
 */
public sealed interface MediaFetch {

  /** The bytes as downloaded, with the MIME type and sha256 the media endpoint declared. */
  record Fetched(byte[] bytes, String mimeType, String declaredSha256) implements MediaFetch {}

  /** Permanent: recorded as {@code failed} with the reason. */
  record Refused(String reason) implements MediaFetch {}

  /** Transient: the job is retried (the queue's visibility) until its attempts run out. */
  record Unavailable(String reason) implements MediaFetch {}
}
