package dev.frontdoor.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Bodies a careless or hostile signer could send: Meta's examples with bytes changed, cut or
 * repeated; with values swapped for other types, huge strings or deep nesting; and random bytes.
 */
final class BodyFuzzer {
  private final Random random;
  private final List<byte[]> seeds = new ArrayList<>();

  BodyFuzzer(Random random, List<Path> examples) {
    this.random = random;
    for (Path example : examples) {
      try {
        seeds.add(Files.readAllBytes(example));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  byte[] next() {
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(6)) {
      case 0 -> flipBytes(seed);
      case 1 -> truncate(seed);
      case 2 -> structural(seed);
      case 3 -> structural(structural(seed));
      case 4 -> randomBytes();
      default -> splice(seed);
    };
  }

  private byte[] flipBytes(byte[] seed) {
    byte[] body = seed.clone();
    int changes = 1 + random.nextInt(8);
    for (int i = 0; i < changes; i++) {
      body[random.nextInt(body.length)] = (byte) random.nextInt(256);
    }
    return body;
  }

  private byte[] truncate(byte[] seed) {
    return java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
  }

  private byte[] splice(byte[] seed) {
    int at = random.nextInt(seed.length);
    String insert =
        List.of(
                "{",
                "}",
                "[",
                "]",
                ",",
                "\"",
                "null",
                "1e999999",
                "\\u0000",
                "{\"a\":",
                "\uD83D\uDE00")
            .get(random.nextInt(11));
    byte[] extra = insert.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[seed.length + extra.length];
    System.arraycopy(seed, 0, body, 0, at);
    System.arraycopy(extra, 0, body, at, extra.length);
    System.arraycopy(seed, at, body, at + extra.length, seed.length - at);
    return body;
  }

  private byte[] randomBytes() {
    byte[] body = new byte[random.nextInt(2048)];
    random.nextBytes(body);
    return body;
  }

  private byte[] structural(byte[] seed) {
    try {
      JsonNode root = InboundGateway.JSON.readTree(seed);
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(random.nextInt(containers.size()));
      if (target instanceof ObjectNode object && object.size() > 0) {
        Iterator<String> names = object.fieldNames();
        List<String> keys = new ArrayList<>();
        names.forEachRemaining(keys::add);
        String key = keys.get(random.nextInt(keys.size()));
        if (random.nextInt(4) == 0) {
          object.remove(key);
        } else {
          object.set(key, randomValue());
        }
      } else if (target instanceof ArrayNode array) {
        array.add(randomValue());
      }
      return InboundGateway.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      return randomBytes();
    }
  }

  private JsonNode randomValue() {
    var factory = InboundGateway.JSON.getNodeFactory();
    return switch (random.nextInt(9)) {
      case 0 -> factory.nullNode();
      case 1 -> factory.numberNode(random.nextLong());
      case 2 -> factory.textNode("x".repeat(random.nextInt(200_000)));
      case 3 -> factory.arrayNode().add(1).add("two");
      case 4 -> factory.objectNode().put("type", "surprise");
      case 5 -> deep(random.nextInt(200));
      case 6 -> factory.booleanNode(random.nextBoolean());
      case 7 -> factory.textNode("wamid." + random.nextInt());
      default -> factory.textNode(Long.toString(Math.abs(random.nextLong())));
    };
  }

  private JsonNode deep(int depth) {
    ObjectNode root = InboundGateway.JSON.createObjectNode();
    ObjectNode node = root;
    for (int i = 0; i < depth; i++) {
      node = node.putObject("n");
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }
}
