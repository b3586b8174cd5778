package io.cocsync.connectors.ali;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.connectors.VendorJson;
import io.cocsync.stubs.AliyunEcsStub;
import io.cocsync.stubs.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ECS stub's wire format, seen by a plain HTTP client as Alibaba Cloud's RPC API would be. */
class AliyunEcsStubTest {

    private final AliyunEcsStub ecs =
            new AliyunEcsStub(new Fleet(List.of("cn-hangzhou", "ap-southeast-1"), 1_000_000, 3));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = VendorJson.create();

    @AfterEach
    void stop() {
        ecs.close();
    }

    @Test
    void servesTheLastPageOfAMillionInstanceRegionWithoutRenderingTheOthers() throws Exception {
        HttpResponse<String> last =
                postV3("DescribeInstances", "RegionId=cn-hangzhou&MaxResults=100&NextToken=offset-999900");

        assertThat(last.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(last.body());
        assertThat(body.path("TotalCount").asInt()).isEqualTo(1_000_000);
        assertThat(body.path("NextToken").asText()).isEmpty();
        JsonNode instances = body.path("Instances").path("Instance");
        assertThat(instances).hasSize(100);
        assertThat(instances.get(99).path("InstanceName").asText()).isEqualTo("cn-hangzhou-vm-999999");
        assertThat(instances.get(99).path("VpcAttributes").path("PrivateIpAddress").path("IpAddress").get(0).asText())
                .isEqualTo(ecs.fleet().machine("cn-hangzhou", 999_999).privateIp());
    }

    @Test
    void pagesByNextTokenOrByPageNumber() throws Exception {
        JsonNode first = json.readTree(postV3("DescribeInstances", "RegionId=ap-southeast-1&MaxResults=50").body());
        JsonNode third = json.readTree(postV3("DescribeInstances", "RegionId=ap-southeast-1&PageSize=20&PageNumber=3")
                .body());

        assertThat(first.path("NextToken").asText()).isEqualTo("offset-50");
        assertThat(first.path("Instances").path("Instance")).hasSize(50);
        assertThat(third.path("PageNumber").asInt()).isEqualTo(3);
        assertThat(third.path("Instances").path("Instance").get(0).path("InstanceName").asText())
                .isEqualTo("ap-southeast-1-vm-40");
    }

    @Test
    void acceptsTheSignatureV2ParametersAndListsTheFleetsRegions() throws Exception {
        HttpResponse<String> regions = get("Action=DescribeRegions&Version=2014-05-26&Format=JSON&AccessKeyId="
                + ecs.accessKey() + "&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Signature=c2lnbmF0dXJl");

        assertThat(regions.statusCode()).isEqualTo(200);
        assertThat(json.readTree(regions.body()).path("Regions").path("Region"))
                .extracting(region -> region.path("RegionId").asText() + " " + region.path("RegionEndpoint").asText())
                .containsExactly("cn-hangzhou ecs.cn-hangzhou.aliyuncs.com",
                        "ap-southeast-1 ecs.ap-southeast-1.aliyuncs.com");
    }

    @Test
    void answersAnUnknownAccessKeyInAlibabasErrorShape() throws Exception {
        HttpResponse<String> refused = get("Action=DescribeRegions&Version=2014-05-26&AccessKeyId=LTAI5tUnknown");

        assertThat(refused.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(refused.body());
        assertThat(error.path("Code").asText()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(error.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("RequestId", "HostId", "Code", "Message", "Recommend");
    }

    @Test
    void throttlesExactlyTheRequestedNumberOfRequests() throws Exception {
        ecs.throttleNextRequests(2);

        List<HttpResponse<String>> answers = List.of(
                postV3("DescribeRegions", ""), postV3("DescribeRegions", ""), postV3("DescribeRegions", ""));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(400, 400, 200);
        assertThat(json.readTree(answers.get(0).body()).path("Code").asText()).isEqualTo("Throttling.User");
    }

    /** As the Tea SDK sends by default: signature v3, action and version in headers, parameters in the query. */
    private HttpResponse<String> postV3(String action, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ecs.endpoint() + "/?" + query))
                .header("x-acs-action", action)
                .header("x-acs-version", AliyunEcsStub.API_VERSION)
                .header("Authorization", "ACS3-HMAC-SHA256 Credential=" + ecs.accessKey()
                        + ",SignedHeaders=host;x-acs-action;x-acs-version,Signature=00")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ecs.endpoint() + "/?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
