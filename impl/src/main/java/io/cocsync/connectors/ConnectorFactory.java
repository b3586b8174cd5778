package io.cocsync.connectors;

import io.cocsync.accounts.CloudVendor;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes one vendor's connector from the shared {@link ConnectorContext}. Each connector class
 * offers its vendor's factory as {@code FACTORY} (see {@link io.cocsync.connectors.catalog.VendorCatalog}).
 */
public interface ConnectorFactory {

    CloudVendor vendor();

    VendorConnector create(ConnectorContext context);

    /** The factory of {@code vendor} whose connectors {@code maker} makes. */
    static ConnectorFactory of(CloudVendor vendor, Function<ConnectorContext, VendorConnector> maker) {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(maker, "maker");
        return new ConnectorFactory() {
            @Override
            public CloudVendor vendor() {
                return vendor;
            }

            @Override
            public VendorConnector create(ConnectorContext context) {
                return maker.apply(context);
            }
        };
    }
}
