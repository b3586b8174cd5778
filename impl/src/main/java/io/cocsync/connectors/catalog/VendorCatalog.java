package io.cocsync.connectors.catalog;

import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.ali.AliyunEcsConnector;
import io.cocsync.connectors.aws.AwsEc2Connector;
import io.cocsync.connectors.azure.AzureConnector;
import io.cocsync.connectors.huawei.HuaweiEcsConnector;
import io.cocsync.connectors.openstack.OpenStackConnector;
import io.cocsync.connectors.other.HttpInventoryConnector;
import io.cocsync.connectors.vmware.VmwareConnector;
import java.util.List;

/**
 * Every vendor this build reads, by its factory: the one list the server and the tests build
 * their connectors from. A new vendor's factory is added here (see docs/adding-a-vendor.md).
 */
public final class VendorCatalog {

    private VendorCatalog() {}

    public static List<ConnectorFactory> factories() {
        return List.of(
                HttpInventoryConnector.FACTORY,
                AwsEc2Connector.FACTORY,
                AliyunEcsConnector.FACTORY,
                AzureConnector.FACTORY,
                HuaweiEcsConnector.RMS,
                HuaweiEcsConnector.HCS,
                OpenStackConnector.FACTORY,
                VmwareConnector.FACTORY);
    }

    /** Every vendor's connector, made from the one context. */
    public static ConnectorRegistry registry(ConnectorContext context) {
        return ConnectorRegistry.of(context, factories());
    }
}
