package io.cocsync.connectors.ali;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody;
import com.aliyun.tea.TeaModel;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.VendorJson;
import io.cocsync.connectors.VendorPayloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud's ECS instances, as its API reference documents them, read into the SDK's model
 * as the Tea SDK reads an answer, and then in the inventory's shape.
 */
class EcsInstanceMappingTest {

    private final List<DiscoveredResource> instances = EcsInstanceMapping.resourcesOf(body(), "cn-hangzhou");

    @SuppressWarnings("unchecked")
    private static DescribeInstancesResponseBody body() {
        try {
            Map<String, Object> answer = VendorJson.create().readValue(
                    VendorPayloads.text("ali/describe-instances.json"), Map.class);
            return TeaModel.toModel(answer, new DescribeInstancesResponseBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVpcInstanceMapsEveryDocumentedField() {
        DiscoveredResource instance = instances.get(0);

        assertThat(instance.type()).isEqualTo("instances");
        assertThat(instance.resourceId()).isEqualTo("i-bp1f2g3h4j5k6l7m8n9p");
        assertThat(instance.name()).isEqualTo("pay-gateway-01");
        assertThat(instance.regionId()).isEqualTo("cn-hangzhou");
        assertThat(instance.properties()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("state", "Running"),
                Map.entry("size", "ecs.g7.xlarge"),
                Map.entry("image", "aliyun_3_x64_20G_alibase_20250101.vhd"),
                Map.entry("zone", "cn-hangzhou-k"),
                Map.entry("private_ips", List.of("172.17.3.21")),
                Map.entry("public_ips", List.of("47.98.10.21", "47.98.200.7")),
                Map.entry("tags", Map.of("owner", "team-pay", "service", "payments")),
                Map.entry("created_time", "2025-01-08T02:30:00Z"),
                Map.entry("vpc_id", "vpc-bp1a2b3c4d5e6f7g8h9j"),
                Map.entry("os_name", "Alibaba Cloud Linux  3.2104 LTS 64 bit")));
    }

    @Test
    void aClassicNetworkInstanceWithoutNameKeepsItsInnerAddressAndItsOwnRegion() {
        DiscoveredResource instance = instances.get(1);

        assertThat(instance.name()).isEqualTo("i-2ze9y8x7w6v5u4t3s2r1");
        assertThat(instance.regionId()).isEqualTo("cn-beijing");
        assertThat(instance.properties())
                .containsEntry("state", "Stopped")
                .containsEntry("private_ips", List.of("10.161.4.9"))
                .containsEntry("public_ips", List.of())
                .containsEntry("os_name", "Windows Server  2022 数据中心版 64位英文版")
                .containsEntry("created_time", "2024-12-24T18:05:00Z")
                .doesNotContainKey("vpc_id");
    }
}
