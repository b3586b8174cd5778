package io.cocsync.connectors;

import java.util.List;

/** Where a connector hands each page it read; the engine stores it before the next page is read. */
@FunctionalInterface
public interface ResourceSink {
    void accept(List<DiscoveredResource> page);
}
