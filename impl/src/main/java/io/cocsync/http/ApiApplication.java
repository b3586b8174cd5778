package io.cocsync.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.cocsync.accounts.AccountService;
import io.cocsync.audit.AuditLog;
import io.cocsync.auth.Authenticator;
import io.cocsync.inventory.InventoryReader;
import io.cocsync.sync.SyncService;
import io.micrometer.core.instrument.MeterRegistry;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;
import java.util.Optional;
import java.util.function.Function;

/** The Jersey application: every resource, filter, mapper and provider, registered explicitly. */
public final class ApiApplication {

    /** Request bodies above this size are refused with 413. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private ApiApplication() {}

    public static ResourceConfig create(ObjectMapper json, AccountService accounts, SyncService sync,
            InventoryReader inventory, MeterRegistry registry, Authenticator authenticator, AuditLog audit,
            Function<Throwable, Optional<String>> whyStorageIsAway) {
        ResourceConfig config = new ResourceConfig();
        // nothing found by scanning or service files: what runs is what is listed here
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);

        // the spec has no nullable request field: an explicit null (or a null in a list) is refused, not
        // ignored; a key given twice is refused, not decided by whichever comes last
        ObjectMapper strict = json.copy().setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL));
        strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // and a string is text: half a surrogate pair is refused, as I-JSON requires
        strict.registerModule(new WellFormedStrings());
        config.register(new JacksonJsonProvider(strict));
        config.register(ValidationFeature.class);
        config.register(new AsciiIntegerParameters());
        config.register(new RequestLogFilter(registry));
        config.register(new RequestIdFilter());
        config.register(new ClientAddressFilter());
        config.register(new JsonOnlyAcceptFilter());
        // by priority: the body limit applies first, then authentication reads the body, then authorization
        config.register(new RequestSyntaxFilter());
        config.register(new BodySizeLimitFilter(MAX_BODY_BYTES));
        config.register(new AuthenticationFilter(authenticator, MAX_BODY_BYTES, audit));
        config.register(new ExactPathFilter());
        config.register(new ContainerMethodFilter());
        config.register(new AuthorizationFilter(audit));
        config.register(new QueryParameterRules());

        config.register(new WebApplicationExceptionMapper());
        config.register(new JsonProcessingExceptionMapper());
        config.register(new ConstraintViolationExceptionMapper());
        config.register(new ServiceExceptionMapper(whyStorageIsAway));

        config.register(new VendorAccountResource(accounts, audit));
        config.register(new MulticloudResourceResource(sync, inventory));
        return config;
    }
}
