package io.cocsync.connectors.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.connectors.VendorJson;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.HuaweiEcsStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Huawei ECS stub's wire format, seen by a plain HTTP client as Huawei Cloud's APIs would be. */
class HuaweiEcsStubTest {

    private final HuaweiEcsStub stub = HuaweiEcsStub.rms(new Fleet(List.of("cn-north-4", "ap-southeast-1"),
            1_000_000, 3));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void servesTheLastPageOfAMillionServerRegionWithoutRenderingTheOthers() throws Exception {
        HttpResponse<String> last = get("/v1/" + HuaweiEcsStub.projectIdOf("cn-north-4")
                + "/cloudservers/detail?limit=1000&offset=1000", stub.accessKey());

        assertThat(last.statusCode()).isEqualTo(200);
        JsonNode body = VendorJson.create().readTree(last.body());
        assertThat(body.path("count").asLong()).isEqualTo(1_000_000);
        assertThat(body.path("servers")).hasSize(1000);
        assertThat(body.path("servers").get(999).path("name").asText()).isEqualTo("cn-north-4-vm-999999");
        assertThat(body.path("servers").get(0).path("OS-EXT-AZ:availability_zone").asText()).startsWith("cn-north-4");
    }

    @Test
    void takesOffsetAsAPageNumberWhereZeroIsTheFirstPage() throws Exception {
        String servers = "/v1/" + HuaweiEcsStub.projectIdOf("ap-southeast-1") + "/cloudservers/detail?limit=5";

        String pageZero = get(servers + "&offset=0", stub.accessKey()).body();
        String pageOne = get(servers + "&offset=1", stub.accessKey()).body();
        JsonNode pageTwo = VendorJson.create().readTree(get(servers + "&offset=2", stub.accessKey()).body());

        assertThat(pageZero).isEqualTo(pageOne);
        assertThat(pageTwo.path("servers").get(0).path("name").asText()).isEqualTo("ap-southeast-1-vm-5");
    }

    @Test
    void listsAProjectPerRegionAndMosFilteredByName() throws Exception {
        JsonNode all = VendorJson.create().readTree(get("/v3/projects", stub.accessKey()).body());
        JsonNode one = VendorJson.create().readTree(get("/v3/projects?name=ap-southeast-1", stub.accessKey()).body());

        assertThat(all.path("projects").findValuesAsText("name")).containsExactly("cn-north-4", "ap-southeast-1", "MOS");
        assertThat(one.path("projects")).singleElement()
                .satisfies(p -> assertThat(p.path("id").asText()).isEqualTo(HuaweiEcsStub.projectIdOf("ap-southeast-1")));
    }

    @Test
    void answersAnUnknownAccessKeyWithApiGatewaysAuthenticationError() throws Exception {
        HttpResponse<String> refused = get("/v3/projects", "HPUAUNKNOWN000000000");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error_code\":\"APIGW.0301\"")
                .contains("Incorrect IAM authentication information");
    }

    private HttpResponse<String> get(String pathAndQuery, String accessKey) throws Exception {
        String authorization = "SDK-HMAC-SHA256 Access=" + accessKey
                + ", SignedHeaders=host;x-sdk-date, Signature=0000";
        return http.send(HttpRequest.newBuilder(URI.create(stub.endpoint() + pathAndQuery))
                .header("Authorization", authorization)
                .header("X-Sdk-Date", "20261125T120000Z")
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
