package dev.frontdoor.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver that records each delivery; {@code failFirst} posts answer 500. */
final class WebhookReceiver implements AutoCloseable {
  record Delivery(byte[] body, String signature, String contentType) {}

  final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  final AtomicInteger failFirst = new AtomicInteger();
  final HttpServer server;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/webhook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failFirst.getAndDecrement() > 0 ? 500 : 200;
          if (status == 200) {
            deliveries.add(
                new Delivery(
                    body,
                    exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
  }

  Delivery next() throws InterruptedException {
    Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).as("a status webhook within 10 s").isNotNull();
    return delivery;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
