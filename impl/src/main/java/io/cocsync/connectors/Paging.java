package io.cocsync.connectors;

import java.util.HashSet;
import java.util.Set;

/**
 * Pages through a list that a vendor answers in pages linked by a token (a NextToken, a marker,
 * a $skipToken, a next link): reads until a page has no token, and stops a vendor that hands out
 * a token it gave before, which would otherwise be read forever, or that never stops.
 */
public final class Paging {

    /** More pages than any real list has: a vendor that keeps making new tokens is stopped here. */
    public static final int MAX_PAGES = 100_000;

    /** Reads one page (and hands it to the sink); returns the token of the next page, or null/blank at the end. */
    @FunctionalInterface
    public interface PageReader {
        String read(String token, int page) throws ConnectorException, InterruptedException;
    }

    private Paging() {}

    /**
     * @param what names the list in messages, e.g. "Azure Resource Graph"
     * @param tokenName the vendor's name of the token, e.g. "$skipToken"
     */
    public static void readAll(String what, String tokenName, PageReader reader)
            throws ConnectorException, InterruptedException {
        Set<String> tokensSeen = new HashSet<>();
        String token = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String next = reader.read(token, page);
            if (Texts.isBlank(next)) {
                return;
            }
            if (!tokensSeen.add(next)) {
                throw new ConnectorException(what + " repeats " + tokenName + " '" + Texts.shorten(next) + "' (page "
                        + page + "); it would never end.");
            }
            token = next;
        }
        throw new ConnectorException(what + " has more than " + MAX_PAGES + " pages.");
    }
}
