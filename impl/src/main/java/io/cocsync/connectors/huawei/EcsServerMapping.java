package io.cocsync.connectors.huawei;

import com.huaweicloud.sdk.ecs.v2.model.ServerAddress;
import com.huaweicloud.sdk.ecs.v2.model.ServerDetail;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import io.cocsync.connectors.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of vendors RMS and HCS: one server of ECS's {@code ListServersDetails} to a
 * resource. A pure function of the SDK's model of the server.
 *
 * <p>type {@code cloudservers}; resource_id = id; name = name; region_id = the region;
 * properties: state (status, e.g. ACTIVE), size (flavor name, else id), image (image id),
 * image_name (metadata), zone (OS-EXT-AZ:availability_zone), private_ips / public_ips (addresses
 * of OS-EXT-IPS:type fixed / floating), tags ("key=value" list as a map), created_time (created),
 * enterprise_project_id, project_id (tenant_id).
 */
public final class EcsServerMapping {

    public static final String TYPE = "cloudservers";

    private EcsServerMapping() {}

    public static List<DiscoveredResource> resourcesOf(List<ServerDetail> servers, String region) {
        List<DiscoveredResource> resources = new ArrayList<>(servers.size());
        for (ServerDetail server : servers) {
            resources.add(toResource(server, region));
        }
        return resources;
    }

    public static DiscoveredResource toResource(ServerDetail server, String region) {
        List<String> privateIps = new ArrayList<>();
        List<String> publicIps = new ArrayList<>();
        if (server.getAddresses() != null) {
            for (List<ServerAddress> network : server.getAddresses().values()) {
                for (ServerAddress address : network == null ? List.<ServerAddress>of() : network) {
                    boolean floating = address.getOsEXTIPSType() == ServerAddress.OsEXTIPSTypeEnum.FLOATING;
                    (floating ? publicIps : privateIps).add(address.getAddr());
                }
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : server.getTags() == null ? List.<String>of() : server.getTags()) {
            int equals = tag.indexOf('=');
            tags.put(equals < 0 ? tag : tag.substring(0, equals), equals < 0 ? "" : tag.substring(equals + 1));
        }
        String size = null;
        if (server.getFlavor() != null) {
            String flavorName = server.getFlavor().getName();
            size = Texts.isBlank(flavorName) ? server.getFlavor().getId() : flavorName;
        }
        ResourceProperties properties = new ResourceProperties()
                .state(server.getStatus())
                .size(size)
                .image(server.getImage() == null ? null : server.getImage().getId())
                .put("image_name", server.getMetadata() == null ? null : server.getMetadata().get("image_name"))
                .zone(server.getOsEXTAZAvailabilityZone())
                .privateIps(privateIps)
                .publicIps(publicIps)
                .tags(tags)
                .createdTime(server.getCreated())
                .put("enterprise_project_id", server.getEnterpriseProjectId())
                .put("project_id", server.getTenantId());
        return new DiscoveredResource(TYPE, server.getId(),
                Texts.isBlank(server.getName()) ? server.getId() : server.getName(), region, properties.build());
    }
}
