package io.cocsync.contract;

import io.cocsync.contract.support.Coverage;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.conformance.spec.SpecContract;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every response example in the spec validates against the schema of its operation and status:
 * each is turned into a synthetic response and given to the same validator that checks the
 * server's real responses.
 */
class SpecResponseExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> everyResponseExampleValidatesAgainstItsSchema() {
        SpecContract spec = SpecContract.get();
        List<DynamicTest> tests = new ArrayList<>();
        spec.forEachOperation((path, method, operation) -> operation.getResponses().forEach((status, response) -> {
            if (response.getContent() == null) {
                return;
            }
            MediaType media = response.getContent().get("application/json");
            if (media == null || media.getExamples() == null) {
                return;
            }
            for (Map.Entry<String, Example> example : media.getExamples().entrySet()) {
                String name = operation.getOperationId() + " " + status + " example " + example.getKey();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    String concretePath = path.replaceAll("\\{[^}]+}", "d8503bdd-8482-4e69-812e-68600bcc1142");
                    SimpleResponse synthetic = SimpleResponse.Builder.status(Integer.parseInt(status))
                            .withContentType("application/json")
                            .withHeader("X-Request-Id", "5b0c7f3e9a2d4c61b8e7f0a1d2c3b4a5")
                            .withBody(JSON.writeValueAsString(example.getValue().getValue()))
                            .build();

                    ValidationReport report = spec.validator()
                            .validateResponse(concretePath, Request.Method.valueOf(method.name()), synthetic);

                    assertThat(report.getMessages())
                            .as("%s is rejected by its own schema", name)
                            .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR)
                            .isEmpty();
                    Coverage.exampleExercised(operation.getOperationId(), status + " " + example.getKey());
                }));
            }
        }));
        assertThat(tests).as("response examples in the spec").isNotEmpty();
        return tests;
    }
}
