package dev.frontdoor.inbound;

import dev.frontdoor.common.Chars;
import dev.frontdoor.threads.InboundMessage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words a customer sends to stop or restart business-initiated messages ({@code
 * OPT_OUT_KEYWORDS}, {@code OPT_IN_KEYWORDS}): a text or button reply that is exactly one of them,
 * whatever its case and surrounding spaces or punctuation.
 */
public record OptOutKeywords(Set<String> optOut, Set<String> optIn) {
  public static final OptOutKeywords DEFAULT =
      new OptOutKeywords(
          Set.of("STOP", "UNSUBSCRIBE", "STOPALL", "OPTOUT"), Set.of("START", "SUBSCRIBE"));

  public static OptOutKeywords of(String optOutList, String optInList) {
    return new OptOutKeywords(words(optOutList), words(optInList));
  }

  /** {@code true}: opted out; {@code false}: opted in; empty: the message is not a keyword. */
  public Optional<Boolean> optOutChange(InboundMessage message) {
    if (message.body() == null || message.body().length() > 32) {
      return Optional.empty();
    }
    String word = message.body().trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    if (optOut.contains(word)) {
      return Optional.of(true);
    }
    if (optIn.contains(word)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private static Set<String> words(String list) {
    return Arrays.stream(list.split(","))
        .map(word -> word.trim().toUpperCase(Locale.ROOT))
        .filter(word -> Chars.word(word, 1, 32))
        .collect(Collectors.toUnmodifiableSet());
  }
}
