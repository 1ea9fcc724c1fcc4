package dev.frontdoor.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One log event under construction. Nothing is formatted when the level is disabled. */
public final class LogLine {
  private static final JsonFactory JSON = new JsonFactory();

  /** Whole numbers of seven digits or more could be phone numbers: they are scrubbed as text. */
  private static final long PHONE_SIZED = 1_000_000L;

  private final Consumer<String> sink;
  private final Log.Level level;
  private final String logger;
  private final String event;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  LogLine(Consumer<String> sink, Log.Level level, String logger, String event) {
    this.sink = sink;
    this.level = level;
    this.logger = logger;
    this.event = event;
  }

  /** A non-sensitive value. Strings are still scrubbed of phone numbers and secrets. */
  public LogLine field(String name, Object value) {
    if (sink != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** A phone number, shown as its last four digits. */
  public LogLine phone(String name, String number) {
    if (sink != null) {
      fields.put(name, Redaction.phone(number));
    }
    return this;
  }

  /** A message body or other customer text: only its length is logged. */
  public LogLine body(String name, String text) {
    if (sink != null) {
      fields.put(name + "_chars", text == null ? 0 : text.length());
    }
    return this;
  }

  /** An error's type and scrubbed message; stack traces stay out of the log line. */
  public LogLine error(Throwable error) {
    if (sink != null && error != null) {
      fields.put("error_type", error.getClass().getName());
      fields.put("error", error.getMessage());
    }
    return this;
  }

  public void write() {
    if (sink == null) {
      return;
    }
    sink.accept(render());
  }

  String render() {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.now().toString());
      json.writeStringField("level", level.name());
      json.writeStringField("logger", logger);
      json.writeStringField("event", Redaction.scrub(event));
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        json.writeFieldName(field.getKey());
        writeValue(json, field.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long number = ((Number) value).longValue();
      if (Math.abs(number) < PHONE_SIZED) {
        json.writeNumber(number);
      } else {
        json.writeString(Redaction.scrub(Long.toString(number)));
      }
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else {
      json.writeString(Redaction.scrub(String.valueOf(value)));
    }
  }
}
