package dev.frontdoor.threads;

import dev.frontdoor.threads.port.in.ReadThread;
import dev.frontdoor.threads.port.out.ThreadReader;
import java.time.Clock;

/** Reads a thread as of now (the window's openness and expiry depend on the clock). */
public final class ThreadReading implements ReadThread {
  private final ThreadReader reader;
  private final Clock clock;

  public ThreadReading(ThreadReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  @Override
  public ThreadView read(ThreadQuery query) {
    return reader.read(query, clock.instant());
  }
}
