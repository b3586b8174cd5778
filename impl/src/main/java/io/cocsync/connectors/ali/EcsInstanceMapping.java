package io.cocsync.connectors.ali;

import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody;
import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import io.cocsync.connectors.Texts;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of vendor ALI: the instances of one DescribeInstances answer to resources. A pure
 * function of the SDK's model of the answer.
 *
 * <p>type {@code instances}; resource_id = InstanceId; name = InstanceName (else the id);
 * region_id = RegionId; properties: state (Status), size (InstanceType), image (ImageId), zone
 * (ZoneId), private_ips (VpcAttributes.PrivateIpAddress, else InnerIpAddress), public_ips
 * (PublicIpAddress plus EipAddress), tags (Tags.Tag), created_time (CreationTime), vpc_id, os_name.
 */
public final class EcsInstanceMapping {

    public static final String TYPE = "instances";

    private EcsInstanceMapping() {}

    public static List<DiscoveredResource> resourcesOf(DescribeInstancesResponseBody body, String region) {
        List<DiscoveredResource> resources = new ArrayList<>();
        if (body.instances != null && body.instances.instance != null) {
            for (DescribeInstancesResponseBodyInstancesInstance instance : body.instances.instance) {
                resources.add(toResource(instance, region));
            }
        }
        return resources;
    }

    public static DiscoveredResource toResource(DescribeInstancesResponseBodyInstancesInstance instance, String region) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (instance.tags != null && instance.tags.tag != null) {
            instance.tags.tag.forEach(tag -> tags.put(tag.tagKey, tag.tagValue));
        }
        List<String> privateIps = new ArrayList<>();
        if (instance.vpcAttributes != null && instance.vpcAttributes.privateIpAddress != null) {
            addAll(privateIps, instance.vpcAttributes.privateIpAddress.ipAddress);
        }
        if (instance.innerIpAddress != null) {
            // classic-network instances have their private address here instead
            addAll(privateIps, instance.innerIpAddress.ipAddress);
        }
        List<String> publicIps = new ArrayList<>();
        if (instance.publicIpAddress != null) {
            addAll(publicIps, instance.publicIpAddress.ipAddress);
        }
        if (instance.eipAddress != null) {
            publicIps.add(instance.eipAddress.ipAddress);
        }
        ResourceProperties properties = new ResourceProperties()
                .state(instance.status)
                .size(instance.instanceType)
                .image(instance.imageId)
                .zone(instance.zoneId)
                .privateIps(privateIps)
                .publicIps(publicIps)
                .tags(tags)
                .createdTime(isoTimeOf(instance.creationTime))
                .put("vpc_id", instance.vpcAttributes == null ? null : instance.vpcAttributes.vpcId)
                .put("os_name", Texts.isBlank(instance.OSNameEn) ? instance.OSName : instance.OSNameEn);
        return new DiscoveredResource(TYPE, instance.instanceId,
                Texts.isBlank(instance.instanceName) ? instance.instanceId : instance.instanceName,
                Texts.isBlank(instance.regionId) ? region : instance.regionId, properties.build());
    }

    /** ECS writes times to the minute ({@code 2025-01-01T08:30Z}); the inventory keeps full ISO-8601. */
    private static String isoTimeOf(String time) {
        if (Texts.isBlank(time)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant().toString();
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private static void addAll(List<String> values, List<String> more) {
        if (more != null) {
            values.addAll(more);
        }
    }
}
