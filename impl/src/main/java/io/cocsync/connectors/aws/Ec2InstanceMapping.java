package io.cocsync.connectors.aws;

import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import io.cocsync.connectors.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The mapping of vendor AWS: the instances of one DescribeInstances answer to resources. A pure
 * function of the SDK's model of the answer.
 *
 * <p>type {@code instances}; resource_id = InstanceId; name = the {@code Name} tag (else the id);
 * region_id = the region; properties: state (State.Name), size (InstanceType), image (ImageId),
 * zone (Placement.AvailabilityZone), private_ips, public_ips (of the instance and of each network
 * interface), tags, created_time (LaunchTime), vpc_id, subnet_id.
 */
public final class Ec2InstanceMapping {

    public static final String TYPE = "instances";

    private Ec2InstanceMapping() {}

    public static List<DiscoveredResource> resourcesOf(DescribeInstancesResponse response, String region) {
        List<DiscoveredResource> resources = new ArrayList<>();
        for (Reservation reservation : response.reservations()) {
            for (Instance instance : reservation.instances()) {
                resources.add(toResource(instance, region));
            }
        }
        return resources;
    }

    public static DiscoveredResource toResource(Instance instance, String region) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : instance.tags()) {
            tags.put(tag.key(), tag.value());
        }
        List<String> privateIps = new ArrayList<>();
        List<String> publicIps = new ArrayList<>();
        privateIps.add(instance.privateIpAddress());
        publicIps.add(instance.publicIpAddress());
        for (InstanceNetworkInterface nic : instance.networkInterfaces()) {
            for (InstancePrivateIpAddress address : nic.privateIpAddresses()) {
                privateIps.add(address.privateIpAddress());
                if (address.association() != null) {
                    publicIps.add(address.association().publicIp());
                }
            }
        }
        ResourceProperties properties = new ResourceProperties()
                .state(instance.state() == null ? null : instance.state().nameAsString())
                .size(instance.instanceTypeAsString())
                .image(instance.imageId())
                .zone(instance.placement() == null ? null : instance.placement().availabilityZone())
                .privateIps(privateIps)
                .publicIps(publicIps)
                .tags(tags)
                .createdTime(instance.launchTime() == null ? null : instance.launchTime().toString())
                .put("vpc_id", instance.vpcId())
                .put("subnet_id", instance.subnetId());
        String name = tags.get("Name");
        return new DiscoveredResource(TYPE, instance.instanceId(), Texts.isBlank(name) ? instance.instanceId() : name,
                region, properties.build());
    }
}
