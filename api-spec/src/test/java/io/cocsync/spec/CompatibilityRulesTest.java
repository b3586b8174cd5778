package io.cocsync.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gate calls breaking and what it lets through, on edits of the released spec. */
class CompatibilityRulesTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private String released;

    @BeforeEach
    void readReleased() throws Exception {
        released = Files.readString(Path.of(System.getProperty("spec.released")));
    }

    @Test
    void removingAnOperationBreaksClients() throws Exception {
        assertBreaking(spec -> ((ObjectNode) spec.at("/paths")).remove("/v1/multicloud-resources/count"));
    }

    @Test
    void removingAnEnumValueBreaksClients() throws Exception {
        assertBreaking(spec -> ((ArrayNode) spec.at("/components/schemas/Vendor/enum")).remove(7));
    }

    @Test
    void aNewRequiredRequestFieldBreaksClients() throws Exception {
        assertBreaking(spec -> ((ArrayNode) spec.at("/components/schemas/VendorAccountCreateRequest/required"))
                .add("endpoint"));
    }

    @Test
    void aNarrowerConstraintBreaksClients() throws Exception {
        assertBreaking(spec -> ((ObjectNode) spec.at(
                "/components/schemas/VendorAccountCreateRequest/properties/account_name")).put("maxLength", 32));
    }

    @Test
    void aChangedTypeBreaksClients() throws Exception {
        assertBreaking(spec -> ((ObjectNode) spec.at("/components/schemas/ListVendorAccountResponse/properties/total"))
                .put("type", "string").remove("format"));
    }

    @Test
    void aBreakingChangeIsAllowedWithANewMajorVersion() throws Exception {
        SpecCompatibility compatibility = compare(spec -> {
            ((ObjectNode) spec.at("/paths")).remove("/v1/multicloud-resources/count");
            ((ObjectNode) spec.at("/info")).put("version", "2.0.0");
        });

        assertThat(compatibility.isIncompatible()).isTrue();
        assertThat(compatibility.isAllowed()).isTrue();
    }

    @Test
    void aNewOptionalFieldIsCompatible() throws Exception {
        assertCompatible(spec -> ((ObjectNode) spec.at("/components/schemas/VendorAccountCreateRequest/properties"))
                .putObject("description").put("type", "string").put("maxLength", 255));
    }

    @Test
    void aNewOperationIsCompatible() throws Exception {
        assertCompatible(spec -> {
            ObjectNode operation = ((ObjectNode) spec.at("/paths")).putObject("/v1/vendor-account/count")
                    .putObject("get");
            operation.put("operationId", "CountVendorAccounts");
            operation.set("responses", spec.at("/paths/~1v1~1multicloud-resources~1count/get/responses").deepCopy());
        });
    }

    @Test
    void aWiderConstraintIsCompatible() throws Exception {
        assertCompatible(spec -> ((ObjectNode) spec.at(
                "/components/schemas/VendorAccountCreateRequest/properties/account_name")).put("maxLength", 128));
    }

    private void assertBreaking(Consumer<JsonNode> edit) throws Exception {
        SpecCompatibility compatibility = compare(edit);

        assertThat(compatibility.isIncompatible()).as(compatibility.markdown()).isTrue();
        assertThat(compatibility.isAllowed()).isFalse();
        assertThat(compatibility.markdown()).isNotBlank();
    }

    private void assertCompatible(Consumer<JsonNode> edit) throws Exception {
        SpecCompatibility compatibility = compare(edit);

        assertThat(compatibility.isUnchanged()).as("the edit changed something").isFalse();
        assertThat(compatibility.isIncompatible()).as(compatibility.markdown()).isFalse();
        assertThat(compatibility.isAllowed()).isTrue();
    }

    private SpecCompatibility compare(Consumer<JsonNode> edit) throws Exception {
        JsonNode spec = yaml.readTree(released);
        edit.accept(spec);
        return SpecCompatibility.between(released, yaml.writeValueAsString(spec));
    }
}
