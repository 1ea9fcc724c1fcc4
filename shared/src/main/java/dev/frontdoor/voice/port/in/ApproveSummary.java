package dev.frontdoor.voice.port.in;

import dev.frontdoor.voice.WrapUpCommand;
import dev.frontdoor.voice.WrapUpOutcome;

/** {@code POST /v1/calls/{callId}/summary}: approves a reviewed draft, as drafted or edited. */
public interface ApproveSummary {
  WrapUpOutcome approve(WrapUpCommand command);
}
