package dev.frontdoor.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.AgentId;
import dev.frontdoor.common.JsonObjects;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code POST /v1/calls/{callId}/wrap-up}: {@code {"agent"?, "outcome"?, "reference"?,
 * "next_steps"?, "notes"?: "text" | ["text" | {"text", "internal"?}], "transcript"?, "review"?}}.
 * Every refusal names the field; something the customer may read is required.
 */
public final class WrapUpReader {
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final int MAX_OUTCOME = 80;
  static final int MAX_REFERENCE = 64;
  static final int MAX_NEXT_STEPS = 500;
  static final int MAX_NOTE = 1_000;
  static final int MAX_NOTES = 20;
  static final int MAX_TRANSCRIPT = 20_000;
  private static final Set<String> FIELDS =
      Set.of("agent", "outcome", "reference", "next_steps", "notes", "transcript", "review");

  /**
   * The wrap-up; {@code filedBy} is the body's {@code agent}, else null (the API client's id is a
   * token hash, never shown).
   */
  public WrapUp read(byte[] body) {
    JsonNode root = JsonObjects.read(body, MAX_BODY_BYTES, InvalidWrapUpException::new);
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidWrapUpException(name + ": not a wrap-up field " + FIELDS);
      }
    }
    String filedBy = root.has("agent") ? agent(root.get("agent")) : null;
    WrapUp wrapUp =
        new WrapUp(
            filedBy,
            text(root, "outcome", MAX_OUTCOME),
            text(root, "reference", MAX_REFERENCE),
            text(root, "next_steps", MAX_NEXT_STEPS),
            notes(root.path("notes")),
            text(root, "transcript", MAX_TRANSCRIPT),
            review(root.path("review")));
    if (wrapUp.outcome().isEmpty()
        && wrapUp.reference().isEmpty()
        && wrapUp.nextSteps().isEmpty()
        && wrapUp.customerNotes().isEmpty()
        && wrapUp.transcript().isEmpty()) {
      throw new InvalidWrapUpException(
          "nothing the customer may read: give an outcome, a reference, next steps, a note that"
              + " is not internal, or a transcript");
    }
    return wrapUp;
  }

  /** An agent id from the body, refused as a wrap-up field. */
  static String agent(JsonNode value) {
    try {
      return AgentId.check("agent", value.asText(null));
    } catch (AgentId.InvalidAgentIdException e) {
      throw new InvalidWrapUpException(e.getMessage());
    }
  }

  private static Optional<String> text(JsonNode root, String field, int max) {
    JsonNode value = root.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidWrapUpException(field + ": a string is required");
    }
    return Optional.of(bounded(field, value.asText(), max)).filter(s -> !s.isEmpty());
  }

  private static List<WrapUp.Note> notes(JsonNode notes) {
    if (notes.isMissingNode() || notes.isNull()) {
      return List.of();
    }
    if (notes.isTextual()) {
      return List.of(new WrapUp.Note(bounded("notes", notes.asText(), MAX_NOTE), false));
    }
    if (!notes.isArray() || notes.size() > MAX_NOTES) {
      throw new InvalidWrapUpException(
          "notes: a string or an array of at most " + MAX_NOTES + " notes");
    }
    List<WrapUp.Note> read = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      JsonNode note = notes.get(i);
      String field = "notes[" + i + "]";
      if (note.isTextual()) {
        read.add(new WrapUp.Note(bounded(field, note.asText(), MAX_NOTE), false));
      } else if (note.isObject() && note.path("text").isTextual()) {
        JsonNode internal = note.path("internal");
        if (!internal.isMissingNode() && !internal.isBoolean()) {
          throw new InvalidWrapUpException(field + ".internal: true or false");
        }
        read.add(
            new WrapUp.Note(
                bounded(field + ".text", note.get("text").asText(), MAX_NOTE),
                internal.asBoolean(false)));
      } else {
        throw new InvalidWrapUpException(field + ": a string or {\"text\", \"internal\"}");
      }
    }
    return read.stream().filter(note -> !note.text().isEmpty()).toList();
  }

  private static boolean review(JsonNode review) {
    if (review.isMissingNode() || review.isNull()) {
      return false;
    }
    if (!review.isBoolean()) {
      throw new InvalidWrapUpException("review: true or false");
    }
    return review.asBoolean();
  }

  private static String bounded(String field, String value, int max) {
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      throw new InvalidWrapUpException(field + ": at most " + max + " characters");
    }
    return trimmed;
  }
}
