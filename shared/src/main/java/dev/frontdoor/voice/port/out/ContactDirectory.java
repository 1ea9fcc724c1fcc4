package dev.frontdoor.voice.port.out;

import java.util.Optional;

/**
 * Finds the customer's number of an Amazon Connect contact.
 *
 * <p>Connect's contact events (EventBridge, "Amazon Connect Contact Event") carry the contact id,
 * instance, queue and agent, but not the customer's number, and no contact attributes either (the
 * published data model has none). The one source that has it is the contact itself: {@code
 * DescribeContact(InstanceId, ContactId)} answers a {@code Contact} whose {@code CustomerEndpoint}
 * ({@code EndpointInfo}: {@code Type}, {@code Address}) is the customer's phone number for a voice
 * contact. So a Connect call event is parsed with no customer and resolved through this port, once
 * per contact (the call lookup item remembers the customer afterwards). A flow-set contact
 * attribute would need the same call ({@code GetContactAttributes}) and a flow change in every
 * deployment, so it is not used.
 *
 * <p>The adapter (the only code that knows the AWS SDK) passes the instance id, the last segment of
 * the ARN, when the API wants an id.
 */
public interface ContactDirectory {

  /**
   * The customer endpoint's address of a contact, as Connect stores it (normally E.164).
   *
   * @param instanceArnOrId the {@code instanceArn} of the event (or the instance id)
   * @param contactId the event's {@code contactId}
   * @return empty when the contact is unknown or its customer endpoint is not a telephone number
   *     (withheld caller id, a VoIP or flow endpoint)
   * @throws RuntimeException when the directory cannot be reached: the event is retried
   */
  Optional<String> customerEndpoint(String instanceArnOrId, String contactId);
}
