package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryComposerTest {
  private static final Instant STARTED = Instant.parse("2026-11-29T12:05:00Z");
  private final SummaryComposer composer = new SummaryComposer(ZoneId.of("Africa/Johannesburg"));

  @Test
  void compose_referenceAndNextStepsFirst_internalNotesLeftOut() {
    WrapUp wrapUp =
        new WrapUp(
            "agent-17",
            Optional.of("resolved"),
            Optional.of("CASE-48213"),
            Optional.of("Delivery before 12:00 tomorrow."),
            List.of(
                new WrapUp.Note("Parcel missing; courier confirms delivery.", false),
                new WrapUp.Note("Customer was rude; flag account.", true)),
            Optional.empty(),
            false);

    SummaryDraft draft = composer.compose(STARTED, wrapUp);

    assertThat(draft.text())
        .isEqualTo(
            "Summary of your call on 29 Nov 2026 at 14:05.\n"
                + "Reference: CASE-48213\n"
                + "Next steps: Delivery before 12:00 tomorrow.\n"
                + "Outcome: resolved\n"
                + "Notes: Parcel missing; courier confirms delivery.");
    assertThat(draft.text()).doesNotContain("rude");
    assertThat(draft.templateParameters())
        .containsExactly(
            "29 Nov 2026 at 14:05",
            "CASE-48213",
            "Next steps: Delivery before 12:00 tomorrow. Outcome: resolved. Notes: Parcel missing;"
                + " courier confirms delivery.");
    assertThat(String.join(" ", draft.templateParameters())).doesNotContain("rude");
  }

  @Test
  void compose_sameInput_sameWords() {
    WrapUp wrapUp = wrapUp("x".repeat(900), "y".repeat(500), List.of());

    assertThat(composer.compose(STARTED, wrapUp)).isEqualTo(composer.compose(STARTED, wrapUp));
  }

  @Test
  void compose_tooLong_notesThenNextStepsShortened_withinTheLimit() {
    List<WrapUp.Note> notes = List.of(new WrapUp.Note("n".repeat(1_000), false));

    SummaryDraft draft = composer.compose(STARTED, wrapUp("s".repeat(500), "CASE-1", notes));

    assertThat(draft.text()).hasSizeLessThanOrEqualTo(SummaryComposer.MAX_TEXT);
    assertThat(draft.text()).contains("Reference: CASE-1").contains("s".repeat(500));
    assertThat(draft.text()).contains("…");
    for (String parameter : draft.templateParameters()) {
      assertThat(parameter).hasSizeLessThanOrEqualTo(SummaryComposer.MAX_TEMPLATE_PARAMETER);
    }
  }

  @Test
  void templateParameters_obeyMetasRules() {
    WrapUp wrapUp =
        wrapUp(
            "Call back\tMonday\n\nthen  close      the case",
            "CASE\n7",
            List.of(new WrapUp.Note("line one\r\nline two", false)));

    SummaryDraft draft = composer.compose(STARTED, wrapUp);

    for (String parameter : draft.templateParameters()) {
      assertThat(parameter).doesNotContain("\n", "\r", "\t", "     ").isNotBlank();
    }
    assertThat(draft.templateParameters().get(1)).isEqualTo("CASE 7");
  }

  @Test
  void missingParts_templateParametersNeverEmpty() {
    WrapUp onlyOutcome =
        new WrapUp(
            "crm",
            Optional.of("resolved"),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            false);

    SummaryDraft draft = composer.compose(STARTED, onlyOutcome);

    assertThat(draft.templateParameters())
        .containsExactly("29 Nov 2026 at 14:05", "-", "Outcome: resolved.");
    assertThat(draft.text())
        .isEqualTo("Summary of your call on 29 Nov 2026 at 14:05.\nOutcome: resolved");
  }

  @Test
  void transcript_withoutNotes_givesTheAgentsLastTurn() {
    String transcript =
        "Customer: my parcel is missing\n"
            + "Agent: let me check\n"
            + "Customer: thanks\n"
            + "AGENT: The courier delivers tomorrow before 12:00.\n"
            + "Customer: great, bye";
    WrapUp wrapUp =
        new WrapUp(
            "twilio",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.of(transcript),
            false);

    assertThat(composer.compose(STARTED, wrapUp).text())
        .endsWith("Notes: The courier delivers tomorrow before 12:00.");
    assertThat(SummaryComposer.agentsLastTurn("only a line\n\n")).contains("only a line");
    assertThat(SummaryComposer.agentsLastTurn("\n \n")).isEmpty();
  }

  @Test
  void cut_neverSplitsASurrogatePair() {
    String emoji = "ab\uD83D\uDE00cd";

    assertThat(SummaryComposer.cut(emoji, 4)).isEqualTo("ab…");
  }

  private static WrapUp wrapUp(String nextSteps, String reference, List<WrapUp.Note> notes) {
    return new WrapUp(
        "agent-1",
        Optional.of("resolved"),
        Optional.of(reference),
        Optional.of(nextSteps),
        notes,
        Optional.empty(),
        false);
  }
}
