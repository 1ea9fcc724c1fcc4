package dev.frontdoor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hunts test output for what must never be logged: any value the tests gave (phone numbers in their
 * common spellings, message bodies, secrets) anywhere in the output, and any phone-sized run of
 * digits in a field of a structured log line. Deliberately independent of the gateway's own masking
 * code, so that a bug there cannot blind it.
 */
final class LogAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seven or more digits (single spaces, dots or dashes between), not inside a longer token. */
  private static final Pattern PHONE_SIZED =
      Pattern.compile("(?<![A-Za-z0-9])\\d(?:[ .\\-]?\\d){6,}(?![A-Za-z0-9])");

  private final Set<String> forbidden = new LinkedHashSet<>();
  private int logLines;
  private int filesScanned;

  LogAudit phones(Iterable<String> numbers) {
    for (String number : numbers) {
      String digits = number.replaceAll("\\D", "");
      forbidden.add(number);
      forbidden.add(digits);
      // The national significant number catches 0-prefixed and spaced-out national spellings
      // once separators are gone; the last 9 digits are that number for most countries.
      forbidden.add(digits.substring(Math.max(0, digits.length() - 9)));
    }
    return this;
  }

  LogAudit values(Iterable<String> values) {
    for (String value : values) {
      if (value != null && value.length() >= 6) {
        forbidden.add(value);
      }
    }
    return this;
  }

  List<String> scan(Path file) throws IOException {
    filesScanned++;
    List<String> findings = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String where = file.getFileName() + ":" + (i + 1);
      findings.addAll(check(lines.get(i), where));
    }
    return findings;
  }

  List<String> check(String line, String where) {
    List<String> findings = new ArrayList<>();
    String digitsOnly = line.replaceAll("[ .\\-()]", "");
    for (String value : forbidden) {
      if (line.contains(value) || (value.matches("\\d+") && digitsOnly.contains(value))) {
        findings.add(where + ": contains a given sensitive value (" + hint(value) + ")");
      }
    }
    if (line.startsWith("{\"time\":")) {
      logLines++;
      findings.addAll(checkStructured(line, where));
    }
    return findings;
  }

  private List<String> checkStructured(String line, String where) {
    List<String> findings = new ArrayList<>();
    JsonNode json;
    try {
      json = JSON.readTree(line);
    } catch (IOException e) {
      return List.of(where + ": a log line that is not one JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("time")) {
        continue;
      }
      if (PHONE_SIZED.matcher(field.getValue().asText()).find()) {
        findings.add(
            where + ": field '" + field.getKey() + "' holds an unmasked phone-sized number");
      }
    }
    return findings;
  }

  int logLines() {
    return logLines;
  }

  int filesScanned() {
    return filesScanned;
  }

  private static String hint(String value) {
    return value.length() <= 4 ? "****" : value.substring(0, 2) + "…" + value.length() + " chars";
  }
}
