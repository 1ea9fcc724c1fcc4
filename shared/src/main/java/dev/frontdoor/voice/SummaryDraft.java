package dev.frontdoor.voice;

import java.util.List;

/**
 * A composed call summary: the free text sent inside the service window, and the same content as
 * the utility template's body parameters for outside it.
 */
public record SummaryDraft(String text, List<String> templateParameters) {
  public SummaryDraft {
    templateParameters = List.copyOf(templateParameters);
  }
}
