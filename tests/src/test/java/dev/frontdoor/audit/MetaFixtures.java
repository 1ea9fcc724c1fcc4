package dev.frontdoor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The phone numbers and texts inside Meta's published webhook examples, which the ingest suites
 * replay: the log audit treats them as given values too.
 */
final class MetaFixtures {
  private static final List<String> PHONE_FIELDS =
      List.of("wa_id", "from", "display_phone_number", "recipient_id", "phone");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaFixtures() {}

  static Set<String> phoneNumbers() {
    Set<String> numbers = new LinkedHashSet<>();
    forEachFixture(
        root ->
            PHONE_FIELDS.forEach(
                field ->
                    root.findValues(field).stream()
                        .map(JsonNode::asText)
                        .filter(value -> value.replaceAll("\\D", "").length() >= 7)
                        .forEach(numbers::add)));
    return numbers;
  }

  static Set<String> messageTexts() {
    Set<String> texts = new LinkedHashSet<>();
    forEachFixture(
        root ->
            root.findValues("body").stream()
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(text -> text.length() >= 12)
                .forEach(texts::add));
    return texts;
  }

  private static void forEachFixture(java.util.function.Consumer<JsonNode> visitor) {
    Path dir =
        Path.of(System.getProperty("frontdoor.specs", "../../shared/specs"), "meta", "webhooks");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
        visitor.accept(JSON.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
