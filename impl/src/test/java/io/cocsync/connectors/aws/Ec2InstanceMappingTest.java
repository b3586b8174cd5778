package io.cocsync.connectors.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EC2's instances, as its API reference documents DescribeInstances, read through the AWS SDK
 * (the payload is served over HTTP, so the SDK's XML reading is checked too) and then in the
 * inventory's shape.
 */
class Ec2InstanceMappingTest {

    private final WireMockServer ec2 = new WireMockServer(wireMockConfig().dynamicPort());
    private final List<DiscoveredResource> instances = new ArrayList<>();

    @BeforeEach
    void read() throws Exception {
        ec2.start();
        ec2.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody(VendorPayloads.text("aws/describe-instances.xml"))));
        AccountAccess account = new AccountAccess(ec2.baseUrl(), "AKIAIOSFODNN7EXAMPLE", "not-a-real-secret", null,
                null, List.of("eu-west-1"));
        AwsEc2Connector.FACTORY.create(TestContexts.fast()).fetch(account, instances::addAll);
    }

    @AfterEach
    void stop() {
        ec2.stop();
    }

    @Test
    void aRunningInstanceMapsEveryDocumentedField() {
        DiscoveredResource instance = instances.get(0);

        assertThat(instance.type()).isEqualTo("instances");
        assertThat(instance.resourceId()).isEqualTo("i-0d2f4b6a8c1e3a5b7");
        assertThat(instance.name()).isEqualTo("checkout-api");
        assertThat(instance.regionId()).isEqualTo("eu-west-1");
        assertThat(instance.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "state", "running",
                "size", "m6i.large",
                "image", "ami-0f1e2d3c4b5a69788",
                "zone", "eu-west-1b",
                "private_ips", List.of("10.40.2.17", "10.40.2.18"),
                "public_ips", List.of("52.18.44.9", "34.240.7.101"),
                "tags", Map.of("Name", "checkout-api", "team", "checkout"),
                "created_time", "2025-04-03T11:22:33Z",
                "vpc_id", "vpc-0b1d3f5a7c9e1b3d5",
                "subnet_id", "subnet-04a6c8e0b2d4f6a8c"));
    }

    @Test
    void aStoppedInstanceWithoutNameTagIsNamedByItsId() {
        DiscoveredResource instance = instances.get(1);

        assertThat(instances).hasSize(2);
        assertThat(instance.name()).isEqualTo("i-09b7d5f3a1c9e7b5d");
        assertThat(instance.properties())
                .containsEntry("state", "stopped")
                .containsEntry("private_ips", List.of("10.40.1.5"))
                .containsEntry("public_ips", List.of())
                .containsEntry("tags", Map.of());
    }
}
