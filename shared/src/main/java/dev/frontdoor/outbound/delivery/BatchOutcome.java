package dev.frontdoor.outbound.delivery;

import java.util.List;

/** The records of a batch that are not done, group by group in the batch's order. */
public record BatchOutcome(List<RecordFailure> failures) {

  public BatchOutcome {
    failures = List.copyOf(failures);
  }

  public List<String> failedRecordIds() {
    return failures.stream().map(RecordFailure::recordId).toList();
  }
}
