package dev.frontdoor.threads.port.in;

import dev.frontdoor.threads.ThreadAnswer;
import dev.frontdoor.threads.ThreadRequest;

/** {@code GET /v1/threads/{phone}}: one customer's timeline, paged both ways. */
public interface ReadThread {
  ThreadAnswer read(ThreadRequest request);
}
