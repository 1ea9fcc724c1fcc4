package dev.frontdoor.port.in;

import dev.frontdoor.domain.thread.ThreadQuery;
import dev.frontdoor.domain.thread.ThreadView;

/** {@code GET /v1/threads/{phone}}: one customer's timeline, paged both ways. */
public interface ReadThread {
  ThreadView read(ThreadQuery query);
}
