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

    /**
     * The documents, read when the first of them is asked for (the JVM initialises this class
     * then, once): parsing the spec and reading Redoc's megabyte are no part of start-up.
     */
    private static final class Documents {
        static final byte[] YAML = read("/openapi/coc-multicloud.yaml");
        static final byte[] JSON = toJson(YAML);
        static final byte[] PAGE = read("/docs/index.html");
        static final byte[] REDOC = read("/META-INF/resources/webjars/redoc/" + redocVersion() + "/redoc.standalone.js");
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public byte[] yaml() {
        return Documents.YAML;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] json() {
        return Documents.JSON;
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    public byte[] page() {
        return Documents.PAGE;
    }

    @GET
    @Path("docs/redoc.standalone.js")
    @Produces("text/javascript")
    public byte[] redoc() {
        return Documents.REDOC;
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
