package io.cocsync.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.Fleet;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Azure stub's wire format, seen by a plain HTTPS client as the identity platform and ARM would be. */
class AzureStubTest {

    private static final String QUERY = "Resources | where type =~ 'microsoft.compute/virtualmachines'"
            + " | where location in~ ('westeurope') | project id, name, location | order by id asc";

    private final AzureStub azure = new AzureStub(new Fleet(List.of("eastus", "westeurope"), 1_000_000, 3));
    private final HttpClient http = HttpClient.newBuilder().sslContext(azure.clientTls()).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void issuesABearerTokenForTheApplicationsClientCredentials() throws Exception {
        HttpResponse<String> token = token(azure.secretKey());

        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(token.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(3599);
        assertThat(body.path("access_token").asText()).isNotBlank();
    }

    @Test
    void answersAWrongSecretLikeTheIdentityPlatform() throws Exception {
        HttpResponse<String> refused = token("wrong");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(refused.body()).contains("AADSTS7000215");
    }

    @Test
    void servesTheLastPageOfAMillionVmLocationWithoutRenderingTheOthers() throws Exception {
        String accessToken = json.readTree(token(azure.secretKey()).body()).path("access_token").asText();
        String skipToken = Base64.getUrlEncoder().encodeToString("vm-offset:999000".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> last = query(accessToken, "{\"subscriptions\":[\"" + azure.subscriptionId()
                + "\"],\"query\":\"" + QUERY + "\",\"options\":{\"$top\":1000,\"$skipToken\":\"" + skipToken
                + "\",\"resultFormat\":\"objectArray\"}}");

        assertThat(last.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(last.body());
        assertThat(page.path("totalRecords").asLong()).isEqualTo(1_000_000);
        assertThat(page.path("count").asInt()).isEqualTo(1000);
        assertThat(page.has("$skipToken")).isFalse();
        assertThat(page.path("data")).hasSize(1000);
        JsonNode vm = page.path("data").get(999);
        assertThat(vm.path("name").asText()).isEqualTo("westeurope-vm-999999");
        assertThat(vm.path("location").asText()).isEqualTo("westeurope");
        assertThat(vm.path("id").asText()).startsWith("/subscriptions/" + azure.subscriptionId() + "/resourceGroups/");
        assertThat(vm.path("properties").path("extended").path("instanceView").path("powerState").path("code")
                .asText()).startsWith("PowerState/");
    }

    @Test
    void refusesAQueryWithoutAnIssuedToken() throws Exception {
        HttpResponse<String> refused = query("forged", "{\"subscriptions\":[\"" + azure.subscriptionId()
                + "\"],\"query\":\"" + QUERY + "\"}");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).path("error").path("code").asText())
                .isEqualTo("InvalidAuthenticationToken");
    }

    private HttpResponse<String> token(String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + azure.accessKey() + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://management.core.windows.net//.default", StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(azure.endpoint() + "/" + azure.tenantId().orElseThrow()
                        + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> query(String accessToken, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(azure.endpoint()
                        + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
