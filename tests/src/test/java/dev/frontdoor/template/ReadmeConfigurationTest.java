package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.config.EnvVar;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every environment variable the code reads is in the README's configuration table. */
class ReadmeConfigurationTest {

  @Test
  void readme_listsEveryEnvironmentVariable() throws Exception {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"));
    List<String> missing = new ArrayList<>();
    for (Field field : EnvVar.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String name = (String) field.get(null);
        if (!readme
            .lines()
            .anyMatch(line -> line.startsWith("|") && line.contains("`" + name + "`"))) {
          missing.add(name);
        }
      }
    }
    assertThat(missing).as("variables read by the code but not in the README's tables").isEmpty();
  }
}
