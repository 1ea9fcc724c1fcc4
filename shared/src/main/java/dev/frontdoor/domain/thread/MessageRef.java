package dev.frontdoor.domain.thread;

import dev.frontdoor.domain.CustomerNumber;

/** Where a stored message lives: its customer's thread and its place in the timeline. */
public record MessageRef(CustomerNumber customer, String sortKey) {}
