package dev.frontdoor.voice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Composes the customer's written record of a call, deterministically (the same call and wrap-up
 * always give the same words, so a retry or a second instance composes the same summary): the
 * reference and the next steps first, then the outcome and the customer-facing notes; nothing
 * marked internal. The text stays within {@link #MAX_TEXT} characters by shortening the notes, then
 * the next steps. Without notes, a transcript contributes the agent's last turn.
 *
 * <p>The template form follows Meta's rules for body parameters: no newlines or tabs, never more
 * than four spaces in a row, none empty, and within {@link #MAX_TEMPLATE_PARAMETER} characters.
 */
public final class SummaryComposer {
  public static final int MAX_TEXT = 1_024;
  public static final int MAX_TEMPLATE_PARAMETER = 700;
  static final int MAX_TRANSCRIPT_TURN = 300;
  private static final String ELLIPSIS = "…";
  private static final String AGENT = "agent:";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM uuuu 'at' HH:mm", Locale.ENGLISH);

  private final ZoneId zone;

  public SummaryComposer(ZoneId zone) {
    this.zone = zone;
  }

  public SummaryDraft compose(Instant callStartedAt, WrapUp wrapUp) {
    String when = WHEN.format(callStartedAt.atZone(zone));
    String heading = "Summary of your call on " + when + ".";
    Optional<String> notes = notes(wrapUp);
    String text = text(heading, wrapUp, wrapUp.nextSteps(), notes);
    // Shorten the least important part first, then the next, until the text fits.
    if (text.length() > MAX_TEXT && notes.isPresent()) {
      int room = notes.get().length() - (text.length() - MAX_TEXT);
      notes = room > 20 ? Optional.of(cut(notes.get(), room)) : Optional.empty();
      text = text(heading, wrapUp, wrapUp.nextSteps(), notes);
    }
    if (text.length() > MAX_TEXT && wrapUp.nextSteps().isPresent()) {
      int room = wrapUp.nextSteps().get().length() - (text.length() - MAX_TEXT);
      text = text(heading, wrapUp, Optional.of(cut(wrapUp.nextSteps().get(), room)), notes);
    }
    return new SummaryDraft(text, parameters(when, wrapUp, notes));
  }

  private static String text(
      String heading, WrapUp wrapUp, Optional<String> nextSteps, Optional<String> notes) {
    List<String> lines = new ArrayList<>();
    lines.add(heading);
    wrapUp.reference().ifPresent(reference -> lines.add("Reference: " + reference));
    nextSteps.ifPresent(steps -> lines.add("Next steps: " + steps));
    wrapUp.outcome().ifPresent(outcome -> lines.add("Outcome: " + outcome));
    notes.ifPresent(text -> lines.add("Notes: " + text));
    return String.join("\n", lines);
  }

  /** The customer-facing notes in one line, or the agent's last turn of a transcript. */
  private static Optional<String> notes(WrapUp wrapUp) {
    List<String> notes = wrapUp.customerNotes();
    if (!notes.isEmpty()) {
      return Optional.of(String.join("; ", notes.stream().map(SummaryComposer::oneLine).toList()));
    }
    return wrapUp.transcript().flatMap(SummaryComposer::agentsLastTurn);
  }

  /**
   * The last line spoken by the agent ({@code Agent: ...}), else the last line: where a call's
   * conclusion is usually said back to the customer.
   */
  static Optional<String> agentsLastTurn(String transcript) {
    List<String> lines = transcript.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    Optional<String> agents =
        lines.stream()
            .filter(line -> line.regionMatches(true, 0, AGENT, 0, AGENT.length()))
            .reduce((first, second) -> second)
            .map(line -> line.substring(AGENT.length()).strip());
    Optional<String> last =
        lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    return agents
        .or(() -> last)
        .filter(turn -> !turn.isEmpty())
        .map(turn -> cut(oneLine(turn), MAX_TRANSCRIPT_TURN));
  }

  private static List<String> parameters(String when, WrapUp wrapUp, Optional<String> notes) {
    List<String> details = new ArrayList<>();
    wrapUp.nextSteps().ifPresent(steps -> details.add(sentence("Next steps: " + steps)));
    wrapUp.outcome().ifPresent(outcome -> details.add(sentence("Outcome: " + outcome)));
    notes.ifPresent(text -> details.add(sentence("Notes: " + text)));
    String detail = details.isEmpty() ? "-" : String.join(" ", details);
    return List.of(parameter(when), parameter(wrapUp.reference().orElse("-")), parameter(detail));
  }

  /** Ends with a full stop unless it already ends a sentence. */
  private static String sentence(String value) {
    String trimmed = value.strip();
    return trimmed.matches(".*[.!?…]$") ? trimmed : trimmed + ".";
  }

  /** One template body parameter as Meta accepts it. */
  static String parameter(String value) {
    String flat = oneLine(value);
    return flat.isEmpty() ? "-" : cut(flat, MAX_TEMPLATE_PARAMETER);
  }

  /** Newlines, tabs and runs of spaces become one space. */
  static String oneLine(String value) {
    return value.replaceAll("\\s+", " ").strip();
  }

  /** At most {@code max} characters, ending with an ellipsis when shortened. */
  static String cut(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = Math.max(0, max - ELLIPSIS.length());
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end).stripTrailing() + ELLIPSIS;
  }
}
