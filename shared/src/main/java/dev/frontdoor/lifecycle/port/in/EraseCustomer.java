package dev.frontdoor.lifecycle.port.in;

import dev.frontdoor.lifecycle.EraseCommand;
import dev.frontdoor.lifecycle.ErasureOutcome;

/** {@code DELETE /v1/customers/{phone}}: erase everything about one customer (POPIA s24). */
public interface EraseCustomer {
  ErasureOutcome erase(EraseCommand command);
}
