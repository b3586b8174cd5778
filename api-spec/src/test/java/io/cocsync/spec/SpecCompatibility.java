package io.cocsync.spec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.HtmlRender;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.openapitools.openapidiff.core.output.Render;

/**
 * The breaking-change verdict between the released spec and the working one, with readable
 * reports. Uses openapi-diff's {@code isIncompatible()}: its {@code isCoreChanged()} misses
 * changes.
 */
final class SpecCompatibility {

    private final ChangedOpenApi diff;

    private SpecCompatibility(ChangedOpenApi diff) {
        this.diff = diff;
    }

    static SpecCompatibility between(String releasedYaml, String workingYaml) {
        return new SpecCompatibility(OpenApiCompare.fromContents(releasedYaml, workingYaml));
    }

    boolean isIncompatible() {
        return diff.isIncompatible();
    }

    boolean isUnchanged() {
        return diff.isUnchanged();
    }

    /** A breaking change is allowed only together with a new major version. */
    boolean isAllowed() {
        return !isIncompatible() || major(diff.getNewSpecOpenApi().getInfo().getVersion())
                > major(diff.getOldSpecOpenApi().getInfo().getVersion());
    }

    String markdown() {
        return render(new MarkdownRender());
    }

    String html() {
        return render(new HtmlRender("API changes since the released spec", null));
    }

    private String render(Render renderer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        renderer.render(diff, writer);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }
}
