package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * What the spec's query parameters allow before Jersey converts them: a single-valued
 * parameter given twice ({@code limit=5&limit=abc}) would be read as its first value and the
 * rest dropped unseen, and an empty value of a parameter that is not free text ({@code vendor=})
 * would be read as no filter at all. Both are refused with 400 naming the parameter.
 */
@Priority(Priorities.USER)
public final class QueryParameterRules implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        ResourceMethod method = uri.getMatchedResourceMethod();
        if (method == null) {
            return;
        }
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<String> problems = new ArrayList<>();
        for (Parameter parameter : method.getInvocable().getParameters()) {
            List<String> values = parameter.getSource() == Parameter.Source.QUERY
                    ? query.get(parameter.getSourceName()) : null;
            if (values == null) {
                continue;
            }
            boolean singleValued = !Collection.class.isAssignableFrom(parameter.getRawType());
            if (singleValued && values.size() > 1) {
                problems.add(parameter.getSourceName() + " is given " + values.size() + " times, but takes one value");
            } else if (singleValued && parameter.getRawType() != String.class && values.stream().anyMatch(String::isEmpty)) {
                problems.add(parameter.getSourceName() + " is empty; give a value or leave it out");
            }
        }
        if (!problems.isEmpty()) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid parameter values: " + String.join("; ", problems) + "."));
        }
    }
}
