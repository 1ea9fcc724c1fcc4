package dev.frontdoor.adapter.out.aws;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteResponse;

/**
 * The body of an answer from the SDK HTTP client, for the adapters that call an AWS API over its
 * wire protocol themselves (Connect, EventBridge, S3; see {@link SigV4Signing}).
 */
public final class ResponseBodies {
  private ResponseBodies() {}

  /** All of it, the stream closed after; no bytes when the answer has no body. */
  public static byte[] readAll(HttpExecuteResponse response) throws IOException {
    Optional<AbortableInputStream> stream = response.responseBody();
    if (stream.isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = stream.get()) {
      return in.readAllBytes();
    }
  }
}
