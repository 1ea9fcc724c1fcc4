package dev.frontdoor.threads.port.in;

import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;

/** {@code GET /v1/threads/{phone}}: one customer's timeline, paged both ways. */
public interface ReadThread {
  ThreadView read(ThreadQuery query);
}
