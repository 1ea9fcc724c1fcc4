package dev.frontdoor.template;

import java.util.List;

/** One family of rules; each problem is a sentence that names the resource and property. */
@FunctionalInterface
interface TemplateCheck {
  List<String> check(Template template);
}
