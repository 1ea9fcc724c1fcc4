package dev.frontdoor.outbound.delivery.port.out;

/**
 * The shared schedule of a business number's sends (docs/data-model.md, 8.1, as built): each call
 * reserves the next {@code count} send times, spaced {@code 1/limit} s apart, for the caller alone.
 */
public interface RateLeases {

  /**
   * Reserves {@code count} consecutive send slots at {@code intervalMicros} apart, starting no
   * earlier than {@code nowMicros} and no later than {@code nowMicros + horizonMicros}. Returns the
   * first slot's time in microseconds, {@code ThroughputLimiter.BOOKED} (-1) when the schedule is
   * booked past the horizon, or another negative value when the caller should simply try again.
   */
  long reserve(
      String phoneNumberId, int count, long intervalMicros, long nowMicros, long horizonMicros);

  /**
   * Pushes the schedule {@code pauseMicros} later for every instance (Meta refused a send for
   * throughput). At most once per pause: refusals seen by several instances at once do not add up.
   */
  void pause(String phoneNumberId, long nowMicros, long pauseMicros);
}
