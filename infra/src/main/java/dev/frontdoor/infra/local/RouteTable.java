package dev.frontdoor.infra.local;

import dev.frontdoor.infra.template.SamTemplate.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches requests to template routes the way API Gateway HTTP APIs do: literal segments beat
 * {@code {param}} segments, which beat a greedy {@code {proxy+}}; method {@code ANY} matches all.
 */
final class RouteTable {
  private final List<CompiledRoute> routes = new ArrayList<>();

  RouteTable(List<Route> templateRoutes) {
    for (Route route : templateRoutes) {
      routes.add(CompiledRoute.of(route));
    }
    routes.sort(Comparator.comparingInt(CompiledRoute::specificity).reversed());
  }

  Optional<Match> match(String method, String path) {
    for (CompiledRoute route : routes) {
      Matcher matcher = route.pattern.matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      if (!route.route.method().equals("ANY") && !route.route.method().equals(method)) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 0; i < route.parameterNames.size(); i++) {
        parameters.put(route.parameterNames.get(i), matcher.group(i + 1));
      }
      return Optional.of(new Match(route.route, parameters));
    }
    return Optional.empty();
  }

  /** Whether some route has this path under another method (405 rather than 404). */
  boolean pathExists(String path) {
    return routes.stream().anyMatch(route -> route.pattern.matcher(path).matches());
  }

  record Match(Route route, Map<String, String> pathParameters) {
    String routeKey() {
      return route.method() + " " + route.path();
    }
  }

  private record CompiledRoute(
      Route route, Pattern pattern, List<String> parameterNames, int specificity) {
    static CompiledRoute of(Route route) {
      StringBuilder regex = new StringBuilder();
      List<String> names = new ArrayList<>();
      int specificity = 0;
      for (String segment : route.path().split("/")) {
        if (segment.isEmpty()) {
          continue;
        }
        regex.append('/');
        if (segment.startsWith("{") && segment.endsWith("+}")) {
          names.add(segment.substring(1, segment.length() - 2));
          regex.append("(.+)");
        } else if (segment.startsWith("{") && segment.endsWith("}")) {
          names.add(segment.substring(1, segment.length() - 1));
          regex.append("([^/]+)");
          specificity += 1;
        } else {
          regex.append(Pattern.quote(segment));
          specificity += 3;
        }
      }
      String full = regex.length() == 0 ? "/" : regex.toString();
      return new CompiledRoute(route, Pattern.compile(full + "/?"), names, specificity);
    }
  }
}
