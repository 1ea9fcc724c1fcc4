package dev.frontdoor.infra.local;

import java.net.URI;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Where the local table stream ({@link LocalTableStream}) sees the writes: one of the SDK's global
 * interceptors (the classpath resource {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} of the infra module, as {@code
 * AwsMeter} is), so it sits on every DynamoDB client of this JVM, among them those the functions
 * build from their environment in {@code Composition}. The Lambda jar does not carry the resource.
 *
 * <p>A call is the stream's only when its client points at the DynamoDB endpoint of a running local
 * gateway; otherwise this changes nothing. The item locks are taken at the first transmission
 * (inside the SDK's pipeline, whose failures reach {@link #onExecutionFailure}: a failure before
 * it, in marshalling say, would not) and released when the answer is in or the call failed.
 */
public final class TableStreamInterceptor implements ExecutionInterceptor {
  /**
   * Set on a client (the local runtime's own) whose writes are not the functions' and give no
   * record: tests and benchmarks seed the table and measure raw puts with it.
   */
  public static final ExecutionAttribute<Boolean> NOT_STREAMED =
      new ExecutionAttribute<>("FrontdoorNotStreamed");

  /** Set on the stream's own reads of an item's images: not a function's request. */
  public static final ExecutionAttribute<Boolean> STREAM_READ =
      new ExecutionAttribute<>("FrontdoorStreamRead");

  private static final ExecutionAttribute<LocalTableStream.Write> WRITE =
      new ExecutionAttribute<>("FrontdoorStreamWrite");

  /** Public, no arguments: the SDK builds it from the classpath resource. */
  public TableStreamInterceptor() {}

  /** True for the stream's own reads, which no meter should count as a function's request. */
  public static boolean isStreamRead(ExecutionAttributes attributes) {
    return Boolean.TRUE.equals(attributes.getAttribute(STREAM_READ));
  }

  @Override
  public SdkRequest modifyRequest(
      Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
    SdkRequest request = context.request();
    if (!LocalTableStream.isWrite(request)
        || Boolean.TRUE.equals(executionAttributes.getAttribute(NOT_STREAMED))
        || isStreamRead(executionAttributes)) {
      return request;
    }
    URI endpoint = executionAttributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
    LocalTableStream stream = LocalTableStream.at(endpoint);
    if (stream == null) {
      return request;
    }
    LocalTableStream.Write write = stream.plan(request);
    if (write == null) {
      return request;
    }
    executionAttributes.putAttribute(WRITE, write);
    return write.request();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    LocalTableStream.Write write = executionAttributes.getAttribute(WRITE);
    if (write != null) {
      // Once per call: an SDK retry keeps the locks and the image read before the first attempt.
      write.begin();
    }
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
    LocalTableStream.Write write = executionAttributes.getAttribute(WRITE);
    return write == null ? context.response() : write.succeeded(context.response());
  }

  @Override
  public void onExecutionFailure(
      Context.FailedExecution context, ExecutionAttributes executionAttributes) {
    LocalTableStream.Write write = executionAttributes.getAttribute(WRITE);
    if (write != null) {
      write.failed();
    }
  }
}
