package io.cocsync.accounts;

import java.util.List;

/** One page of results and the number of all that match. */
public record Page<T>(List<T> items, long total) {}
