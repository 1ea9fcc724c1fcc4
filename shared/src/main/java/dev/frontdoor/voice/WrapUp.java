package dev.frontdoor.voice;

import java.util.List;
import java.util.Optional;

/**
 * What the agent (or the provider) filed about a call: a short outcome, the case reference, the
 * next steps, notes (each may be marked internal: kept on the call, never sent to the customer) and
 * optionally a provider transcript, used only to compose the summary. {@code review} asks for a
 * draft that an agent approves before anything is sent.
 */
public record WrapUp(
    String filedBy,
    Optional<String> outcome,
    Optional<String> reference,
    Optional<String> nextSteps,
    List<Note> notes,
    Optional<String> transcript,
    boolean review) {

  public WrapUp {
    notes = List.copyOf(notes);
  }

  /** One note; an internal one stays with the organisation. */
  public record Note(String text, boolean internal) {}

  /** The notes the customer may read, in the order filed. */
  public List<String> customerNotes() {
    return notes.stream().filter(note -> !note.internal()).map(Note::text).toList();
  }
}
