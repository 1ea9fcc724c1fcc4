package dev.frontdoor.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code Ref}, {@code Fn::GetAtt}, {@code ${X}} in {@code Fn::Sub} and {@code DependsOn}
 * names a parameter, a resource, a pseudo parameter ({@code AWS::*}) or a name SAM generates; every
 * condition reference names a condition. A GetAtt on a CloudFormation resource must also name an
 * attribute the specification lists for its type. CloudFormation rejects dangling names only at
 * deploy time, after the slow upload.
 */
final class ReferenceCheck implements TemplateCheck {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final CfnSpec spec;

  ReferenceCheck(CfnSpec spec) {
    this.spec = spec;
  }

  @Override
  public List<String> check(Template template) {
    return new Walk(template).run();
  }

  private final class Walk {
    private final Template template;
    private final Set<String> names = new HashSet<>();
    private final Set<String> conditions;
    private final List<String> problems = new ArrayList<>();

    Walk(Template template) {
      this.template = template;
      names.addAll(template.section("Parameters").keySet());
      names.addAll(template.resources().keySet());
      names.addAll(SamGeneratedNames.of(template));
      conditions = template.section("Conditions").keySet();
    }

    List<String> run() {
      template
          .resources()
          .forEach((id, resource) -> checkResourceAttributes(id, Maps.map(resource)));
      template
          .root()
          .forEach((section, value) -> visit(value, section.equals("Resources") ? "" : section));
      return problems;
    }

    private void checkResourceAttributes(String id, Map<String, Object> resource) {
      Object dependsOn = resource.get("DependsOn");
      for (Object target : dependsOn instanceof String one ? List.of(one) : Maps.list(dependsOn)) {
        if (!template.resources().containsKey(target)) {
          problems.add(id + ".DependsOn: '" + target + "' is not a resource");
        }
      }
      if (resource.get("Condition") instanceof String condition
          && !conditions.contains(condition)) {
        problems.add(id + ".Condition: '" + condition + "' is not a condition");
      }
    }

    private void visit(Object node, String where) {
      if (node instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          visit(list.get(i), where + "[" + i + "]");
        }
        return;
      }
      if (!(node instanceof Map<?, ?>)) {
        return;
      }
      if (Intrinsics.isIntrinsic(node)) {
        checkIntrinsic(Maps.map(node), where);
      }
      Maps.map(node)
          .forEach((key, child) -> visit(child, where.isEmpty() ? key : where + "." + key));
    }

    private void checkIntrinsic(Map<String, Object> intrinsic, String where) {
      Map.Entry<String, Object> call = intrinsic.entrySet().iterator().next();
      switch (call.getKey()) {
        case "Ref" -> checkName(call.getValue(), "Ref", where);
        case "Fn::GetAtt" ->
            Intrinsics.getAtt(intrinsic)
                .ifPresent(p -> checkGetAtt(p.get(0), p.get(1), "Fn::GetAtt", where));
        case "Fn::Sub" -> checkSub(call.getValue(), where);
        case "Condition" -> checkCondition(call.getValue(), where);
        case "Fn::If" ->
            checkCondition(Maps.list(call.getValue()).stream().findFirst().orElse(null), where);
        default -> {}
      }
    }

    private void checkSub(Object argument, String where) {
      List<Object> parts = Maps.list(argument);
      Object text = argument instanceof String ? argument : parts.isEmpty() ? null : parts.get(0);
      Set<String> locals = parts.size() > 1 ? Maps.map(parts.get(1)).keySet() : Set.of();
      if (!(text instanceof String string)) {
        return;
      }
      Matcher matcher = SUB_VARIABLE.matcher(string);
      while (matcher.find()) {
        String variable = matcher.group(1).trim();
        if (variable.startsWith("!") || locals.contains(variable) || names.contains(variable)) {
          continue; // ${!Literal} is text; locals come from the Sub's own map
        }
        int dot = variable.indexOf('.');
        if (dot < 0) {
          checkName(variable, "Fn::Sub", where);
        } else {
          checkGetAtt(variable.substring(0, dot), variable.substring(dot + 1), "Fn::Sub", where);
        }
      }
    }

    private void checkName(Object name, String form, String where) {
      if (name instanceof String text && (text.startsWith("AWS::") || names.contains(text))) {
        return;
      }
      problems.add(
          "%s: %s names '%s', which is neither a parameter nor a resource"
              .formatted(where, form, name));
    }

    private void checkGetAtt(String id, String attribute, String form, String where) {
      if (!names.contains(id)) {
        checkName(id, form, where);
        return;
      }
      JsonNode attributes = spec.resourceType(template.type(id)).path("Attributes");
      if (attributes.isObject() && !attributes.has(attribute)) {
        problems.add(
            "%s: %s asks %s for '%s', not an attribute of %s in the CloudFormation specification %s"
                .formatted(where, form, id, attribute, template.type(id), spec.version()));
      }
    }

    private void checkCondition(Object name, String where) {
      if (!(name instanceof String text) || !conditions.contains(text)) {
        problems.add(where + ": condition '" + name + "' is not in Conditions");
      }
    }
  }
}
