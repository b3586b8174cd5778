package io.cocsync.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's own description, outside authentication: the spec at {@code /openapi.yaml} and
 * {@code /openapi.json}, and a rendered reference at {@code /docs} (Redoc, served from the jar).
 */
@Path("/")
public final class ApiDocsResource {

    private static final String SPEC = "/openapi/coc-multicloud.yaml";
    private static final String REDOC = "/META-INF/resources/webjars/redoc/" + redocVersion() + "/redoc.standalone.js";

    private final byte[] yaml = read(SPEC);
    private final byte[] json = toJson(yaml);
    private final byte[] page = read("/docs/index.html");
    private final byte[] redoc = read(REDOC);

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public byte[] yaml() {
        return yaml;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] json() {
        return json;
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    public byte[] page() {
        return page;
    }

    @GET
    @Path("docs/redoc.standalone.js")
    @Produces("text/javascript")
    public byte[] redoc() {
        return redoc;
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the spec is not valid YAML", e);
        }
    }

    private static String redocVersion() {
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/redoc/pom.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the Redoc webjar is missing from the class path", e);
        }
    }
}
