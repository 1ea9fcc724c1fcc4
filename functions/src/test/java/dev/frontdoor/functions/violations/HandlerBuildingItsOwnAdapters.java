package dev.frontdoor.functions.violations;

import dev.frontdoor.adapter.out.sqs.SqsRetryDelays;
import dev.frontdoor.outbound.delivery.OutboundBatchDelivery;
import dev.frontdoor.outbound.delivery.QueuedMessageSender;
import java.time.Clock;
import java.util.concurrent.Executor;

/** Breaks the handlers' dependency rule on purpose, so its self-test sees it reported. */
public final class HandlerBuildingItsOwnAdapters {
  private HandlerBuildingItsOwnAdapters() {}

  static OutboundBatchDelivery delivery(QueuedMessageSender sender, Executor lanes) {
    return new OutboundBatchDelivery(
        sender, new SqsRetryDelays(null, "queue"), lanes, Clock.systemUTC(), 10_000);
  }
}
