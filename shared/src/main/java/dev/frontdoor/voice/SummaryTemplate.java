package dev.frontdoor.voice;

/**
 * The approved utility template that carries a summary outside the service window ({@code
 * SUMMARY_TEMPLATE_NAME}, {@code SUMMARY_TEMPLATE_LANGUAGE}); its body takes three parameters: when
 * the call was, the reference, and the rest of the summary.
 */
public record SummaryTemplate(String name, String language) {}
