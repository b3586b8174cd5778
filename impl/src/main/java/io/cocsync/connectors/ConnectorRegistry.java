package io.cocsync.connectors;

import io.cocsync.accounts.CloudVendor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connector of each vendor this build can read. */
public final class ConnectorRegistry {

    private final Map<CloudVendor, VendorConnector> byVendor = new EnumMap<>(CloudVendor.class);

    public ConnectorRegistry(List<VendorConnector> connectors) {
        for (VendorConnector connector : connectors) {
            if (byVendor.put(connector.vendor(), connector) != null) {
                throw new IllegalArgumentException("two connectors for " + connector.vendor());
            }
        }
    }

    /** Each factory's connector, all made from the one context. */
    public static ConnectorRegistry of(ConnectorContext context, List<ConnectorFactory> factories) {
        return new ConnectorRegistry(factories.stream().map(factory -> factory.create(context)).toList());
    }

    public Optional<VendorConnector> forVendor(CloudVendor vendor) {
        return Optional.ofNullable(byVendor.get(vendor));
    }
}
