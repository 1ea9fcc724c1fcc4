package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationsTest {

  @Test
  void record_billsTheHandlerThreadsStoreWaitsAtTheirModelledTime() {
    String function = "InvocationsTestFunction";
    var before = Invocations.snapshot();

    // 40 ms in the handler, of which two calls waited 20 ms and 10 ms; modelled at 5 ms each.
    Invocations.enter(function);
    Invocations.storeCall(20_000_000, 5_000_000);
    Invocations.storeCall(10_000_000, 5_000_000);
    Invocations.leave();
    Invocations.record(function, 1024, 40_000_000);
    // A call off any invocation's thread is not the invocation's.
    Invocations.storeCall(7_000_000, 1_000_000);
    // 0.2 ms, no calls: billed 1 ms either way.
    Invocations.enter(function);
    Invocations.leave();
    Invocations.record(function, 1024, 200_000);

    Invocations.Count count = Invocations.between(before, Invocations.snapshot()).get(function);
    assertThat(count.invocations()).isEqualTo(2);
    assertThat(count.billedMillis()).isEqualTo(40 + 1);
    assertThat(count.storeNanos()).isEqualTo(30_000_000);
    assertThat(count.withStoreCalls()).isEqualTo(1);
    // 40 - 30 + 10 = 20 ms, and 1 ms.
    assertThat(count.modelledBilledMillis()).isEqualTo(20 + 1);
  }
}
