package dev.frontdoor.adapter.out.graph;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: a declared {@code Content-Length} over the cap
 * fails before anything is read, and a body that grows past it is cancelled at the first chunk over
 * (the connection is dropped), so a hostile or wrong answer costs at most the cap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was larger than the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out;
  private final long cap;
  private Flow.Subscription subscription;

  private CappedBody(long cap, long declared) {
    this.cap = cap;
    this.out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), cap));
    if (declared > cap) {
      result.completeExceptionally(
          new TooLarge("declared " + declared + " bytes, over the cap of " + cap));
    }
  }

  static HttpResponse.BodyHandler<byte[]> handler(long cap) {
    return info ->
        new CappedBody(cap, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (result.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (out.size() + (long) item.remaining() > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge("more than the cap of " + cap + " bytes"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      out.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
