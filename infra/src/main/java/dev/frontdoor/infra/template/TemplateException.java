package dev.frontdoor.infra.template;

/** template.yaml cannot be read or does not declare what the local runtime needs. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
