package dev.frontdoor.voice.port.in;

import dev.frontdoor.voice.WrapUpCommand;
import dev.frontdoor.voice.WrapUpOutcome;

/** {@code POST /v1/calls/{callId}/wrap-up}: the agent's record of a call, and its summary. */
public interface FileWrapUp {
  WrapUpOutcome fileWrapUp(WrapUpCommand command);
}
