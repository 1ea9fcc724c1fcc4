package dev.frontdoor.infra.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM YAML template into plain maps and lists, with the short-form tags
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}, ...) turned into their long forms ({@code
 * {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}, ...), exactly as CloudFormation reads them.
 */
public final class CfnYaml {
  private static final List<String> FUNCTIONS =
      List.of(
          "Base64",
          "Cidr",
          "FindInMap",
          "GetAZs",
          "ImportValue",
          "Join",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "And",
          "Equals",
          "If",
          "Not",
          "Or",
          "Condition",
          "GetAtt",
          "Ref",
          "Length",
          "ToJsonString");

  private CfnYaml() {}

  public static Map<String, Object> load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (IOException e) {
      throw new TemplateException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root = new Yaml(new CfnConstructor(options)).load(reader);
    if (!(root instanceof Map)) {
      throw new TemplateException("a template must be a YAML mapping");
    }
    return (Map<String, Object>) root;
  }

  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor(LoaderOptions options) {
      super(options);
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new IntrinsicConstruct(function));
      }
    }

    Object constructAny(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        List<Object> items = new ArrayList<>();
        for (Node child : sequence.getValue()) {
          items.add(constructObject(child));
        }
        return items;
      }
      Map<Object, Object> map = new LinkedHashMap<>();
      for (var tuple : ((MappingNode) node).getValue()) {
        map.put(constructObject(tuple.getKeyNode()), constructObject(tuple.getValueNode()));
      }
      return map;
    }

    private final class IntrinsicConstruct extends AbstractConstruct {
      private final String function;

      IntrinsicConstruct(String function) {
        this.function = function;
      }

      @Override
      public Object construct(Node node) {
        Object value = constructAny(node);
        if (function.equals("GetAtt") && value instanceof String dotted) {
          int dot = dotted.indexOf('.');
          value =
              dot < 0
                  ? List.of(dotted)
                  : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        String key =
            function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(key, value);
        return longForm;
      }
    }
  }
}
