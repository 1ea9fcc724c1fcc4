package dev.frontdoor.common;

/**
 * The business side of a webhook: the {@code phone_number_id} it arrived on, its display number and
 * the WhatsApp Business Account ({@code entry[].id}).
 */
public record BusinessNumber(String phoneNumberId, String displayPhoneNumber, String wabaId) {}
