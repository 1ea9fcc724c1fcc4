/**
 * Analytics (to come): counts and exports over threads and deliveries get their use cases, model
 * and ports here.
 */
package dev.frontdoor.analytics;
