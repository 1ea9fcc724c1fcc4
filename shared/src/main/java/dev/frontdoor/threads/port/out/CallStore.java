package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.CallRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Call items, their lookups, call events, wrap-ups and summaries (docs/data-model.md 5.8-5.10, 9.5,
 * 9.6). Every write converges: events in any order and number give one call with the same
 * milestones; a summary is claimed once per call.
 */
public interface CallStore {
  /** Provider key of Frontdoor's own call ids in lookups ({@code CALL#frontdoor#<call id>}). */
  String FRONTDOOR = "frontdoor";

  /**
   * The call (claimed once per provider call id), the event (insert-once), the call's milestones
   * (the first value of each kept; a specific ending such as busy or no answer replaces a generic
   * "completed" of a call that was never answered).
   */
  CallPut putCallEvent(CallEvent event, Instant now);

  /**
   * A call by its lookup: {@code provider} {@link #FRONTDOOR} with Frontdoor's id, or a provider's.
   */
  Optional<CallRecord> findCall(String provider, String callId, Instant now);

  /**
   * Files a wrap-up (replacing an earlier one filed before {@code filedAtMillis}) and, when given,
   * the summary draft awaiting approval. Returns the call as it now is; empty if the call is gone.
   */
  Optional<CallRecord> fileWrapUp(
      CallRecord call, Map<String, Object> wrapUp, long filedAtMillis, Map<String, Object> draft);

  /**
   * Records what became of the call's summary ({@code summary}: state, message id, mode, text, ...)
   * unless one was already sent: a sent summary is never replaced. Returns the summary now stored.
   */
  Map<String, Object> recordSummary(CallRecord call, Map<String, Object> summary, Instant now);
}
