package dev.frontdoor.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Every function's Handler ({@code pkg.Class::method}, or {@code pkg.Class} for handleRequest)
 * names a class in the shaded Lambda jar that all functions deploy, with a public method of that
 * name and, for an instance method, the public no-argument constructor Lambda instantiates it with.
 * Classes are loaded from the jar alone (platform loader as parent, never initialised), so a class
 * that only the test classpath provides does not pass.
 */
final class HandlerClassCheck implements TemplateCheck {
  private final Path jar;

  HandlerClassCheck(Path jar) {
    this.jar = jar;
  }

  @Override
  public List<String> check(Template template) {
    List<String> functions = new ArrayList<>();
    for (String id : template.resourcesOfType(Template.SAM_FUNCTION).keySet()) {
      if (!"Image".equals(template.functionSetting(id, "PackageType").orElse("Zip"))) {
        functions.add(id);
      }
    }
    if (functions.isEmpty()) {
      return List.of();
    }
    if (!Files.isRegularFile(jar)) {
      return List.of(
          "Lambda artifact "
              + jar
              + " is missing: run mvn package (it is built by the functions module)");
    }
    List<String> problems = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile());
        URLClassLoader loader =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String id : functions) {
        checkHandler(id, template.functionSetting(id, "Handler"), zip, loader)
            .ifPresent(problems::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    return problems;
  }

  private Optional<String> checkHandler(
      String id, Optional<Object> handler, ZipFile zip, ClassLoader loader) {
    String where = id + ".Properties.Handler: ";
    if (handler.isEmpty()) {
      return Optional.of(where + "missing");
    }
    if (!(handler.get() instanceof String text)) {
      return Optional.empty(); // an intrinsic: decided at deploy time
    }
    int separator = text.indexOf("::");
    String className = separator < 0 ? text : text.substring(0, separator);
    String methodName = separator < 0 ? "handleRequest" : text.substring(separator + 2);
    if (zip.getEntry(className.replace('.', '/') + ".class") == null) {
      return Optional.of(where + "class " + className + " is not in " + jar.getFileName());
    }
    try {
      return checkMethod(where, Class.forName(className, false, loader), methodName);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of(where + "class " + className + " does not load from the jar: " + e);
    }
  }

  private static Optional<String> checkMethod(String where, Class<?> handler, String methodName) {
    List<Method> methods =
        Arrays.stream(handler.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
    if (methods.isEmpty()) {
      return Optional.of(where + handler.getName() + " has no public method " + methodName);
    }
    boolean needsInstance = methods.stream().noneMatch(m -> Modifier.isStatic(m.getModifiers()));
    if (needsInstance && !instantiable(handler)) {
      return Optional.of(
          where
              + handler.getName()
              + " needs to be a concrete class with a public no-argument constructor");
    }
    return Optional.empty();
  }

  private static boolean instantiable(Class<?> handler) {
    if (Modifier.isAbstract(handler.getModifiers()) || handler.isInterface()) {
      return false;
    }
    return Arrays.stream(handler.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
  }
}
