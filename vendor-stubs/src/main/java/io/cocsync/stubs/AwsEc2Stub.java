package io.cocsync.stubs;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC2's Query API as AWS documents it (API version 2016-11-15): form-encoded POSTs with
 * {@code Action=DescribeRegions} or {@code Action=DescribeInstances} ({@code MaxResults},
 * {@code NextToken}), XML answers, and EC2's {@code <Response><Errors>} error shape.
 *
 * <p>The region of a request comes from the credential scope of its SigV4 {@code Authorization}
 * header, as the SDK signs for the client's region; only the access key id is checked, not the
 * signature. Pages are rendered from the {@link Fleet} on demand: page i of a region holds
 * machines [i * MaxResults, (i + 1) * MaxResults), so a fleet of a million costs no memory.
 */
public final class AwsEc2Stub extends VendorStub {

    public static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final String XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String XML = "text/xml;charset=UTF-8";
    private static final String TOKEN_PREFIX = "page-";
    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/ec2/aws4_request");

    public AwsEc2Stub(Fleet fleet) {
        super(fleet, StubVendor.AWS, ACCESS_KEY, SECRET_KEY);
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        Matcher scope = CREDENTIAL_SCOPE.matcher(String.valueOf(request.getHeader("Authorization")));
        if (!scope.find() || !scope.group(1).equals(ACCESS_KEY)) {
            return error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
        }
        String region = scope.group(2);
        if (throttleThisRequest()) {
            return error(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
        if (isFailingRegion(region)) {
            return regionFailure(XML, errorBody("InternalError",
                    "An internal error has occurred. Retry your request."));
        }
        Map<String, String> form = formOf(request.getBodyAsString());
        String action = form.getOrDefault("Action", "");
        return switch (action) {
            case "DescribeRegions" -> describeRegions();
            case "DescribeInstances" -> describeInstances(region, form);
            default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private ResponseDefinition describeRegions() {
        StringBuilder xml = open("DescribeRegionsResponse").append("<regionInfo>");
        for (String region : fleet().regions()) {
            xml.append("<item>")
                    .append(element("regionName", region))
                    .append(element("regionEndpoint", "ec2." + region + ".amazonaws.com"))
                    .append(element("optInStatus", "opt-in-not-required"))
                    .append("</item>");
        }
        return ok(xml.append("</regionInfo></DescribeRegionsResponse>"));
    }

    private ResponseDefinition describeInstances(String region, Map<String, String> form) {
        Fleet fleet = fleet();
        int pageSize;
        int page;
        try {
            pageSize = Integer.parseInt(form.getOrDefault("MaxResults", Integer.toString(DEFAULT_PAGE_SIZE)));
            page = form.containsKey("NextToken") ? pageOf(form.get("NextToken")) : 0;
        } catch (NumberFormatException e) {
            return error(400, "InvalidParameterValue", "The MaxResults or NextToken parameter is not valid.");
        }
        if (pageSize < 5 || pageSize > 1000) {
            return error(400, "InvalidParameterValue", "MaxResults must be between 5 and 1000.");
        }
        if (page < 0) {
            return error(400, "InvalidParameterValue", "The NextToken parameter is not valid.");
        }
        int count = fleet.regions().contains(region) ? fleet.perRegion() : 0;
        long first = (long) page * pageSize;
        long end = Math.min(count, first + pageSize);
        StringBuilder xml = open("DescribeInstancesResponse").append("<reservationSet>");
        for (long index = first; index < end; index++) {
            appendReservation(xml, fleet.machine(region, (int) index), fleet.regions().indexOf(region), (int) index);
        }
        xml.append("</reservationSet>");
        if (end < count) {
            xml.append(element("nextToken", TOKEN_PREFIX + (page + 1)));
        }
        return ok(xml.append("</DescribeInstancesResponse>"));
    }

    private static int pageOf(String nextToken) {
        if (!nextToken.startsWith(TOKEN_PREFIX)) {
            throw new NumberFormatException("not a token of this stub");
        }
        return Integer.parseInt(nextToken.substring(TOKEN_PREFIX.length()));
    }

    private static void appendReservation(StringBuilder xml, Fleet.Machine machine, int regionNumber, int index) {
        boolean running = machine.state().equals("running");
        char zoneLetter = machine.zone().charAt(machine.zone().length() - 1);
        xml.append("<item>")
                .append(element("reservationId", "r-0" + machine.key()))
                .append(element("ownerId", "123456789012"))
                .append("<groupSet/><instancesSet><item>")
                .append(element("instanceId", "i-0" + machine.key()))
                .append(element("imageId", "ami-" + Fleet.hex(machine.image().hashCode() & 0xffffffffL, 17)))
                .append("<instanceState>")
                .append(element("code", running ? "16" : "80"))
                .append(element("name", machine.state()))
                .append("</instanceState>")
                .append(element("privateDnsName", "ip-" + machine.privateIp().replace('.', '-') + "."
                        + machine.region() + ".compute.internal"))
                .append(element("instanceType", "t3." + machine.size()))
                .append(element("launchTime", machine.created().toString()))
                .append("<placement>")
                .append(element("availabilityZone", machine.zone()))
                .append(element("tenancy", "default"))
                .append("</placement>")
                .append(element("subnetId", "subnet-" + Fleet.hex(regionNumber, 8) + zoneLetter))
                .append(element("vpcId", "vpc-" + Fleet.hex(regionNumber, 8)))
                .append(element("privateIpAddress", machine.privateIp()));
        if (running) {
            xml.append(element("ipAddress", "198.18." + ((index >>> 8) & 0xff) + "." + (index & 0xff)));
        }
        xml.append("<tagSet>")
                .append("<item>").append(element("key", "Name")).append(element("value", machine.name()))
                .append("</item>")
                .append("<item>").append(element("key", "owner")).append(element("value", machine.ownerTag()))
                .append("</item>")
                .append("</tagSet></item></instancesSet></item>");
    }

    private static StringBuilder open(String root) {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(XMLNS).append("\">")
                .append(element("requestId", UUID.randomUUID().toString()));
    }

    private static ResponseDefinition ok(StringBuilder xml) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", XML)
                .withBody(xml.toString())
                .build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", XML)
                .withBody(errorBody(code, message))
                .build();
    }

    private static String errorBody(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>" + element("Code", code)
                + element("Message", message) + "</Error></Errors>" + element("RequestID", UUID.randomUUID().toString())
                + "</Response>";
    }

    private static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
