package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerNumber;

/** Where a stored message lives: its customer's thread and its place in the timeline. */
public record MessageRef(CustomerNumber customer, String sortKey) {}
