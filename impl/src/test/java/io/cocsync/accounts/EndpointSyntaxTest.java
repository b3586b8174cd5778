package io.cocsync.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An endpoint is a URL that a connector can call, or it is refused with the rule it breaks. */
class EndpointSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://ecs.hcs.example.com", "https://cmdb.example.com/inventory",
            "http://10.0.0.1:8080/api?x=1&y=%C3%BC", "http://[::1]:65535/", "http://[2001:db8::7]",
            "https://xn--tda.example/", "http://localhost:1", "https://a-b.c-d.example/path;v=1",
            "https://example.com?query=only"})
    void aUrlThatAConnectorCanCallIsAccepted(String endpoint) {
        assertThat(EndpointSyntax.problemWith(endpoint)).isEmpty();
        assertThat(EndpointSyntax.check(endpoint)).isEqualTo(endpoint);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "http://a..b/          | must not have an empty label",
        "http://a.b./          | must not have an empty label",
        "http://-/             | begins or ends with a hyphen",
        "http://a-.example/    | begins or ends with a hyphen",
        "http://a:99999/       | port from 1 to 65535",
        "http://a:0/           | port from 1 to 65535",
        "http://a:/            | port from 1 to 65535",
        "http://a:8o/          | port from 1 to 65535",
        "http://:80/x          | must have a host",
        "http:///x             | must have a host",
        "http://ü.example/     | 'xn--tda.example'",
        "http://[              | IPv6 literal without its closing bracket",
        "http://[zz::1]/       | not an IPv6 address",
        "http://[::1]x/        | only a port after its IPv6 literal",
        "http://%zz/           | letters, digits, hyphens and dots only",
        "http://a_b.example/   | letters, digits, hyphens and dots only",
        "http://user:pw@a.example/ | must not carry user information",
        "http://999.1.1.1/     | IPv4 address",
        "http://1.2.3/         | IPv4 address",
        "http://example.123/   | last label begins with a letter",
        "https://a.example/#x  | must not have a fragment",
        "https://a.example/a b | percent-encoded",
        "https://a.example/%zz | percent-encoded",
        "https://a.example/ü   | percent-encoded",
        "ftp://a.example/      | http:// or https://",
        "HTTPS://a.example/    | http:// or https://",
        "a.example             | http:// or https://"})
    void anEndpointThatNoConnectorCanUseIsRefusedNamingTheFieldAndTheRule(String endpoint, String rule) {
        assertThat(EndpointSyntax.problemWith(endpoint)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("endpoint ").contains(rule));
        assertThatThrownBy(() -> EndpointSyntax.check(endpoint)).isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63})
    void aHostLabelHasOneTo63Characters(int length) {
        assertThat(EndpointSyntax.problemWith("http://" + "a".repeat(length) + ".example/")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100})
    void aHostLabelOfMoreThan63CharactersIsRefused(int length) {
        assertThat(EndpointSyntax.problemWith("http://" + "a".repeat(length) + ".example/"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("at most 63 characters"));
    }

    @ParameterizedTest
    @ValueSource(ints = {253, 254})
    void aHostNameHasAtMost253Characters(int length) {
        // five labels of 49 letters, each with its dot, and a last label of what is left
        String host = ("a".repeat(49) + ".").repeat(5) + "a".repeat(length - 250);
        assertThat(host).hasSize(length);
        assertThat(EndpointSyntax.problemWith("http://" + host + "/").isPresent()).isEqualTo(length > 253);
    }

    /** The spec's pattern and this check agree on what the pattern can express. */
    @ParameterizedTest
    @ValueSource(strings = {"http://a..b/", "http://-/", "http://a:99999/", "http://:80/x", "http://ü.example/",
            "http://[", "http://%zz/", "http://user@a.example/", "https://a.example/#x", "https://a.example/ü",
            "https://a.example/%zz", "http://" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void whatTheSpecsPatternRefusesTheCheckRefusesToo(String endpoint) {
        assertThat(SPEC_PATTERN.matcher(endpoint).matches()).isFalse();
        assertThat(EndpointSyntax.problemWith(endpoint)).isPresent();
    }

    private static final Pattern SPEC_PATTERN = Pattern.compile(specPattern());

    private static String specPattern() {
        try (var yaml = EndpointSyntaxTest.class.getResourceAsStream("/openapi/coc-multicloud.yaml")) {
            var spec = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
            return spec.at("/components/schemas/Endpoint/pattern").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
