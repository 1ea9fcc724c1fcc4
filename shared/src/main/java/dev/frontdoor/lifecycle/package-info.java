/**
 * Customer lifecycle (to come): erasure, retention and summaries of a customer's thread get their
 * use cases, model and ports here.
 */
package dev.frontdoor.lifecycle;
