package dev.frontdoor.threads;

import java.util.Optional;

/** A page of the thread, or why the request cannot be read (naming the parameter). */
public record ThreadAnswer(Optional<ThreadView> page, String refusal) {

  public static ThreadAnswer of(ThreadView page) {
    return new ThreadAnswer(Optional.of(page), null);
  }

  public static ThreadAnswer refused(String reason) {
    return new ThreadAnswer(Optional.empty(), reason);
  }
}
