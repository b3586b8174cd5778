package io.cocsync.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EC2 stub's wire format, seen by a plain HTTP client as EC2 would be. */
class AwsEc2StubTest {

    private final AwsEc2Stub ec2 = new AwsEc2Stub(new Fleet(List.of("eu-west-1", "ap-south-1"), 1_000_000, 3));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Test
    void servesTheLastPageOfAMillionInstanceRegionWithoutRenderingTheOthers() throws Exception {
        HttpResponse<String> last = post("eu-west-1", ec2.accessKey(),
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000&NextToken=page-999");

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.body())
                .startsWith("<?xml")
                .contains("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                .contains("<value>eu-west-1-vm-999999</value>")
                .doesNotContain("<nextToken>");
        assertThat(Pattern.compile("<instanceId>").matcher(last.body()).results().count()).isEqualTo(1000);
    }

    @Test
    void takesTheRegionFromTheCredentialScopeAndListsTheFleetsRegions() throws Exception {
        HttpResponse<String> firstPage = post("ap-south-1", ec2.accessKey(),
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=5");
        HttpResponse<String> regions = post("us-east-1", ec2.accessKey(),
                "Action=DescribeRegions&Version=2016-11-15");

        assertThat(firstPage.body()).contains("<availabilityZone>ap-south-1").contains("<nextToken>page-1</nextToken>");
        assertThat(regions.body()).contains("<regionName>eu-west-1</regionName>", "<regionName>ap-south-1</regionName>");
    }

    @Test
    void answersAnUnknownAccessKeyWithEc2sAuthFailure() throws Exception {
        HttpResponse<String> refused = post("eu-west-1", "AKIAUNKNOWN000000000", "Action=DescribeRegions");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("<Response><Errors><Error><Code>AuthFailure</Code>");
    }

    private HttpResponse<String> post(String region, String accessKey, String form) throws Exception {
        String authorization = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261125/" + region
                + "/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
        return http.send(HttpRequest.newBuilder(URI.create(ec2.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
