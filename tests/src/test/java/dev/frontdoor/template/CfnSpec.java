package dev.frontdoor.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The CloudFormation resource specification: resource types and their nested property types. */
final class CfnSpec {
  private final JsonNode root;

  CfnSpec(Path file) {
    try {
      this.root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CloudFormation specification " + file, e);
    }
  }

  String version() {
    return root.path("ResourceSpecificationVersion").asText("?");
  }

  /** The resource type's entry, or a missing node when the specification does not know it. */
  JsonNode resourceType(String type) {
    return root.path("ResourceTypes").path(type);
  }

  /**
   * A nested type named in a property ({@code Type}/{@code ItemType}): first the resource's own
   * {@code <ResourceType>.<Name>}, then the shared ones such as {@code Tag}.
   */
  JsonNode propertyType(String resourceType, String name) {
    JsonNode types = root.path("PropertyTypes");
    JsonNode own = types.path(resourceType + "." + name);
    if (!own.isMissingNode()) {
      return own;
    }
    return types.has(name) ? types.path(name) : MissingNode.getInstance();
  }
}
