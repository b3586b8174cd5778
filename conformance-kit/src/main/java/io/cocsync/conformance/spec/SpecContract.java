package io.cocsync.conformance.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.conformance.http.RecordedExchange;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The spec, loaded once from the api-spec jar (classpath resource {@value #SPEC_RESOURCE}), and
 * everything the suite asks of it: which operation an exchange belongs to, whether an exchange
 * conforms, which (operationId, status) pairs are documented.
 */
public final class SpecContract {

    public static final String SPEC_RESOURCE = "openapi/coc-multicloud.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpecContract INSTANCE = new SpecContract();

    private final String specText;
    private final OpenAPI openApi;
    private final OpenApiInteractionValidator validator;
    private final ApiOperationResolver operations;

    private SpecContract() {
        this.specText = readSpec();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        this.openApi = new OpenAPIParser().readContents(specText, null, options).getOpenAPI();
        if (openApi == null) {
            throw new IllegalStateException("the spec " + SPEC_RESOURCE + " does not parse");
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(specText)
                .withLevelResolver(LevelResolver.create()
                        // The server decides on credentials (401/403 are checked as answers);
                        // checks send requests without them on purpose, and those stay valid requests.
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        this.operations = new ApiOperationResolver(openApi, null, false);
    }

    public static SpecContract get() {
        return INSTANCE;
    }

    public OpenAPI openApi() {
        return openApi;
    }

    public OpenApiInteractionValidator validator() {
        return validator;
    }

    /** The operationId of the spec operation for this method and raw path, if the spec has one. */
    public Optional<String> operationId(String method, String path) {
        ApiOperationMatch match = operations.findApiOperation(path, Request.Method.valueOf(method.toUpperCase()));
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            return Optional.empty();
        }
        return Optional.of(match.getApiOperation().getOperation().getOperationId());
    }

    /** Every documented (operationId, status) pair, in spec order. */
    public Set<OperationStatus> documentedPairs() {
        Set<OperationStatus> pairs = new LinkedHashSet<>();
        forEachOperation((path, method, operation) -> operation.getResponses().keySet().stream()
                .filter(code -> code.matches("\\d{3}"))
                .forEach(code -> pairs.add(new OperationStatus(operation.getOperationId(), Integer.parseInt(code)))));
        return pairs;
    }

    /** Path template and method of an operation. */
    public Map.Entry<String, PathItem.HttpMethod> locate(String operationId) {
        Map<String, Map.Entry<String, PathItem.HttpMethod>> found = new LinkedHashMap<>();
        forEachOperation((path, method, operation) -> found.put(operation.getOperationId(), Map.entry(path, method)));
        Map.Entry<String, PathItem.HttpMethod> location = found.get(operationId);
        if (location == null) {
            throw new IllegalArgumentException("no operation " + operationId + " in the spec");
        }
        return location;
    }

    public interface OperationVisitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }

    public void forEachOperation(OperationVisitor visitor) {
        openApi.getPaths().forEach((path, item) ->
                item.readOperationsMap().forEach((method, operation) -> visitor.visit(path, method, operation)));
    }

    /**
     * Checks one exchange against the spec and returns what is wrong with it (empty: it conforms).
     * An exchange with a spec operation is validated by Atlassian's validator (its request too,
     * unless it was deliberately invalid) and must carry {@code X-Request-Id}. An exchange without
     * one (unknown path, method not allowed) must be a 404 or 405 with the error body.
     */
    public List<String> problems(RecordedExchange exchange) {
        List<String> problems = new ArrayList<>();
        String path = exchange.uri().getRawPath();
        if (exchange.responseHeader("X-Request-Id").filter(id -> !id.isBlank()).isEmpty()) {
            problems.add("the response has no X-Request-Id header");
        }
        Optional<String> operationId = operationId(exchange.method(), path);
        if (operationId.isEmpty()) {
            if (exchange.status() != 404 && exchange.status() != 405) {
                problems.add("no spec operation for " + exchange.method() + " " + path
                        + ", so the answer must be 404 or 405, not " + exchange.status());
            }
            problems.addAll(errorBodyProblems(exchange.responseBodyText()));
            return problems;
        }
        SimpleResponse response = toResponse(exchange);
        ValidationReport report;
        if (exchange.requestDeliberatelyInvalid()) {
            report = validator.validateResponse(path, Request.Method.valueOf(exchange.method()), response);
        } else {
            report = validator.validate(toRequest(exchange), response);
        }
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(message.getKey() + ": " + message.getMessage()));
        return problems;
    }

    /** What is wrong with a body that should be the spec's error body (empty: nothing). */
    public static List<String> errorBodyProblems(String body) {
        List<String> problems = new ArrayList<>();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            problems.add("the error body is not JSON: " + body);
            return problems;
        }
        if (json == null || !json.isObject()) {
            problems.add("the error body is not a JSON object: " + body);
            return problems;
        }
        for (String field : List.of("error_code", "error_msg", "request_id")) {
            if (!json.path(field).isTextual() || json.path(field).asText().isBlank()) {
                problems.add("the error body has no text " + field + ": " + body);
            }
        }
        return problems;
    }

    public static SimpleRequest toRequest(RecordedExchange exchange) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), exchange.uri().getRawPath());
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody().length > 0) {
            builder.withBody(exchange.requestBody());
        }
        String query = exchange.uri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            params.forEach(builder::withQueryParam);
        }
        return builder.build();
    }

    public static SimpleResponse toResponse(RecordedExchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().map().forEach(builder::withHeader);
        if (exchange.responseBody().length > 0) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static String readSpec() {
        try (InputStream in = SpecContract.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath has no " + SPEC_RESOURCE + " (api-spec jar missing?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One documented or observed outcome of an operation. */
    public record OperationStatus(String operationId, int status) implements Comparable<OperationStatus> {
        @Override
        public int compareTo(OperationStatus other) {
            int byOperation = operationId.compareTo(other.operationId);
            return byOperation != 0 ? byOperation : Integer.compare(status, other.status);
        }

        @Override
        public String toString() {
            return operationId + " " + status;
        }
    }
}
