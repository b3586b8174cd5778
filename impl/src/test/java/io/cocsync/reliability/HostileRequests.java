package io.cocsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Requests that break the API spec, generated from the spec itself: for every operation, every
 * parameter and every body field, values that its schema forbids; and for every operation,
 * bodies that are not acceptable JSON at all. Each request breaks exactly one rule of an
 * otherwise valid request, so that its answer tests that rule.
 */
final class HostileRequests {

    /** One request to send and the statuses it may be answered with. */
    record Probe(String operation, String rule, String method, String target, String contentType, byte[] body,
            Set<Integer> allowed) {

        Probe alsoAllowing(Integer... statuses) {
            Set<Integer> more = new TreeSet<>(allowed);
            more.addAll(List.of(statuses));
            return new Probe(operation, rule, method, target, contentType, body, more);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "@@hostile@@";
    /** Percent-encodings that no server may decode into a valid value. */
    private static final List<String> BAD_ENCODINGS = List.of("%zz", "%", "%4", "%G0", "%%", "%E2%80", "%FF%FE",
            "%C0%AF", "%C3", "%ED%A0%80", "%F8%88%80%80%80",
            // a bad hex digit on either side, a lone byte, truncated and broken sequences, overlong
            // forms, surrogates and code points past U+10FFFF
            "%0", "%g1", "%1g", "%80", "%BF", "%C3%28", "%E2%28%A1", "%E2%82%28", "%F0%28%8C%BC", "%F0%90%28%BC",
            "%F0%90%8C", "%ED%BF%BF", "%C1%BF", "%E0%80%AF", "%F0%80%80%AF", "%F4%90%80%80", "%FC%84%80%80%80%80",
            "a%", "a%2");
    /** URLs that the spec's endpoint rules refuse: bad host names, ports, literals, encodings and parts. */
    private static final List<String> UNUSABLE_ENDPOINTS = List.of("http://a..b/", "http://-/", "http://a:99999/",
            "http://:80/x", "http://\u00fc.example/", "http://[", "http://%zz/", "http://" + "a".repeat(64) + ".example/",
            "http://" + ("a".repeat(60) + ".").repeat(5) + "example/", "http://a-.example/", "http://a.b./",
            "http://a:0/", "http://a:/", "http://[zz::1]/", "http://[::1]x/", "http://a_b.example/",
            "http://user:pw@a.example/", "http://999.1.1.1/", "http://example.123/", "https://a.example/#x",
            "https://a.example/%zz", "https://a.example/\u00fc", "HTTPS://a.example/", "http://a.example:65536/");
    /** Characters that no enum value, id pattern or uuid holds: every C0 control, DEL and unicode oddities. */
    private static final List<String> ODD_CHARACTERS = oddCharacters();

    private final JsonNode spec;
    private final Map<String, String> pathValues;

    /** {@code pathValues}: a valid value of each path parameter, by name (e.g. an existing account's id). */
    HostileRequests(Map<String, String> pathValues) {
        this.spec = load();
        this.pathValues = pathValues;
    }

    List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                probes.addAll(forOperation(path.getKey(), op.getKey().toUpperCase(), op.getValue()));
            }
            probes.add(new Probe("(none)", "a method the path does not have", "PATCH", path.getKey().replaceAll(
                    "\\{[a-z_]+}", "x"), null, new byte[0], Set.of(404, 405)));
            String existing = withPathValues(path.getKey());
            for (String method : List.of("OPTIONS", "TRACE", "FROB")) {
                probes.add(new Probe("(none)", "method " + method, method, existing, null, new byte[0], Set.of(405)));
            }
            probes.addAll(lenientPaths(existing, path.getValue()));
        }
        probes.add(new Probe("(none)", "a path outside the spec", "GET", "/v1/nowhere", null, new byte[0],
                Set.of(404, 405)));
        probes.add(new Probe("(none)", "a path outside the spec, badly encoded", "GET", "/v1/no%zzwhere", null,
                new byte[0], Set.of(400, 404, 405)));
        return probes;
    }

    /** The path with the valid value of each of its parameters (an existing account, a task). */
    private String withPathValues(String template) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /**
     * Each operation of a path with parameters, sent to the same resource with a trailing slash
     * or a matrix parameter: an unknown path, which must neither answer nor act as the resource.
     */
    private List<Probe> lenientPaths(String existing, JsonNode operations) {
        List<Probe> probes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : operations.properties()) {
            JsonNode bodySchema = resolve(resolve(op.getValue().path("requestBody")).path("content")
                    .path("application/json").path("schema"));
            byte[] body = bodySchema.isMissingNode() ? new byte[0]
                    : valid(bodySchema).toString().getBytes(StandardCharsets.UTF_8);
            String contentType = bodySchema.isMissingNode() ? null : "application/json";
            for (String lenient : List.of(existing + "/", existing + ";foo=bar", existing + ";", existing + "//")) {
                probes.add(new Probe(op.getValue().path("operationId").asText(), "a lenient path " + lenient,
                        op.getKey().toUpperCase(), lenient, contentType, body, Set.of(400, 404)));
            }
        }
        return probes;
    }

    private List<Probe> forOperation(String pathTemplate, String method, JsonNode op) {
        Operation operation = new Operation(op.path("operationId").asText(), method, pathTemplate,
                documentedClientErrors(op));
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        op.path("parameters").forEach(p -> parameters.put(resolve(p).path("name").asText(), resolve(p)));
        Map<String, List<String>> validQuery = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (p.path("in").asText().equals("query") && p.path("required").asBoolean()) {
                validQuery.put(name, List.of(encode(valid(resolve(p.path("schema"))).asText())));
            }
        });
        JsonNode bodySchema = resolve(resolve(op.path("requestBody")).path("content").path("application/json")
                .path("schema"));
        JsonNode validBody = bodySchema.isMissingNode() ? null : valid(bodySchema);

        List<Probe> probes = new ArrayList<>();
        RequestShape base = new RequestShape(operation, pathValues, validQuery, validBody);
        parameters.forEach((name, p) -> {
            boolean inPath = p.path("in").asText().equals("path");
            for (Map.Entry<String, String> value : parameterViolations(resolve(p.path("schema"))).entrySet()) {
                probes.add(inPath ? base.withPath(name, value.getKey(), value.getValue())
                        : base.withQuery(name, value.getKey(), value.getValue()));
            }
            if (!inPath && p.path("required").asBoolean()) {
                probes.add(base.withoutQuery(name));
            }
            JsonNode schema = resolve(p.path("schema"));
            boolean single = !schema.path("type").asText().equals("array");
            if (!inPath && single) {
                String value = encode(valid(schema).asText());
                probes.add(base.withQuery(name, "given twice", List.of(value, value)));
                probes.add(base.withQuery(name, "given twice, then badly", List.of(value, "abc%20x")));
            }
            if (!inPath && !single) {
                for (int empties : new int[] {100, 500}) {
                    probes.add(base.withQuery(name, empties + " empty values", java.util.Collections.nCopies(empties, "")));
                }
            }
            if (!inPath && schema.has("maxItems")) {
                String item = encode(valid(resolve(schema.path("items"))).asText());
                probes.add(base.withQuery(name, "maxItems + 1 values",
                        java.util.Collections.nCopies(schema.path("maxItems").asInt() + 1, item)));
            }
        });
        if (validBody != null) {
            bodyViolations(bodySchema, "").forEach((rule, mutation) -> probes.add(base.withBody(rule,
                    mutation.apply(validBody.deepCopy()))));
            wholeBodyViolations(validBody).forEach((rule, body) -> probes.add(base.withRawBody(rule,
                    "application/json", body)));
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "application/octet-stream", "no/such type")) {
                probes.add(base.withRawBody("content type " + type, type, validBody.toString().getBytes(
                        StandardCharsets.UTF_8)));
            }
            probes.add(base.withRawBody("no content type", null, validBody.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return probes;
    }

    /** Raw (already percent-encoded) values that a parameter's schema forbids, by the rule they break. */
    private Map<String, String> parameterViolations(JsonNode schema) {
        Map<String, String> values = new LinkedHashMap<>();
        BAD_ENCODINGS.forEach(bad -> values.put("bad percent-encoding " + bad, bad));
        JsonNode item = schema.path("type").asText().equals("array") ? resolve(schema.path("items")) : schema;
        switch (item.path("type").asText()) {
            case "integer", "number" -> {
                values.put("not a number", "abc");
                values.put("a fraction", "1.5");
                values.put("1e400", "1e400");
                values.put("2^63", "9223372036854775808");
                values.put("-2^63-1", "-9223372036854775809");
                values.put("2^31", "2147483648");
                values.put("-2^31-1", "-2147483649");
                values.put("100 digits", "1".repeat(100));
                values.put("an exponent", "1e2");
                values.put("hexadecimal", "0x10");
                values.put("a quoted number", encode("\"1\""));
                values.put("a leading space", encode(" 1"));
                values.put("a trailing space", encode("1 "));
                values.put("a number and a letter", "1a");
                values.put("fullwidth digits", encode("\uff11"));
                values.put("Arabic-Indic digits", encode("\u0661"));
                values.put("a boolean", "true");
                values.put("null", "null");
                values.put("a JSON array", encode("[1]"));
                values.put("a JSON object", encode("{}"));
                values.put("a NUL character", "%00");
                values.put("empty", "");
                if (item.has("minimum")) {
                    values.put("minimum - 1", Long.toString(item.path("minimum").asLong() - 1));
                }
                if (item.has("maximum")) {
                    values.put("maximum + 1", Long.toString(item.path("maximum").asLong() + 1));
                }
            }
            // "far too long" makes the URI itself longer than the server accepts: 400 all the same
            case "string" -> stringViolations(item).forEach((rule, value) -> values.put(rule, encode(value)));
            default -> { }
        }
        return values;
    }

    /** Texts that a string schema forbids, by the rule they break. */
    private static Map<String, String> stringViolations(JsonNode schema) {
        Map<String, String> values = new LinkedHashMap<>();
        if (schema.path("minLength").asInt(0) >= 1 || schema.has("enum")) {
            values.put("empty", "");
        }
        if (schema.has("maxLength")) {
            int tooLong = schema.path("maxLength").asInt() + 1;
            values.put("maxLength + 1", "x".repeat(tooLong));
            values.put("maxLength + 1 two-byte characters", "\u00e9".repeat(tooLong));
            values.put("maxLength + 1 emoji (surrogate pairs)", "\ud83d\ude00".repeat(tooLong));
            values.put("maxLength emoji, then one more letter", "\ud83d\ude00".repeat(tooLong - 1) + "x");
            values.put("maxLength + 1 last code points U+10FFFF", "\udbff\udfff".repeat(tooLong));
            values.put("maxLength + 1 three-byte characters", "\u4e2d".repeat(tooLong));
            values.put("maxLength + 1 noncharacters U+FFFF", "\uffff".repeat(tooLong));
            values.put("maxLength + 1 NUL characters", "\u0000".repeat(tooLong));
            values.put("maxLength + 1 spaces", " ".repeat(tooLong));
            values.put("far too long", "x".repeat(100_000));
            // one character past the limit, whichever it is: no trimming or normalization may bring it back
            String longest = "x".repeat(tooLong - 1);
            ODD_CHARACTERS.forEach(odd -> values.put("maxLength, then " + describe(odd), longest + odd));
        }
        if (schema.has("enum")) {
            String first = schema.path("enum").path(0).asText();
            values.put("not in enum", "NOT_IN_ENUM");
            values.put("enum with a lookalike letter", "\u0410" + first.substring(1));
            for (JsonNode value : schema.path("enum")) {
                String text = value.asText();
                values.put("enum " + text + " in another case", text.toLowerCase().equals(text) ? text.toUpperCase()
                        : text.toLowerCase());
                values.put("enum " + text + " with a trailing space", text + " ");
            }
            ODD_CHARACTERS.forEach(odd -> values.put("enum with " + describe(odd), first + odd));
        }
        if (schema.path("format").asText().equals("uuid")) {
            values.put("not a uuid", "not-a-uuid");
            String uuid = "00000000-0000-4000-8000-00000000000";
            ODD_CHARACTERS.forEach(odd -> values.put("uuid with " + describe(odd), uuid + odd));
        }
        if (schema.path("pattern").asText().startsWith("^https?://")) {
            UNUSABLE_ENDPOINTS.forEach(endpoint -> values.put("an endpoint no connector can use: " + endpoint, endpoint));
        }
        if (schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.path("pattern").asText());
            for (String odd : ODD_CHARACTERS) {
                if (odd.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF)) {
                    continue; // UTF-8 cannot carry a lone surrogate: it would arrive as '?' (escapes are probed apart)
                }
                String broken = "https://example.com/" + odd + "x";
                if (!pattern.matcher(broken).find()) {
                    values.put("pattern broken by " + describe(odd), broken);
                }
                if (!pattern.matcher(odd).find()) {
                    values.put("pattern broken by only " + describe(odd), odd);
                }
            }
        }
        return values;
    }

    /** Edits of a valid body that each break one rule of its schema, by rule. */
    private Map<String, java.util.function.UnaryOperator<JsonNode>> bodyViolations(JsonNode schema, String at) {
        Map<String, java.util.function.UnaryOperator<JsonNode>> edits = new LinkedHashMap<>();
        String type = schema.path("type").asText();
        for (Map.Entry<String, String> wrong : wrongTypes(type, valid(schema).toString()).entrySet()) {
            edits.put(at + ": " + wrong.getKey(), body -> put(body, at, wrong.getValue()));
        }
        if (!schema.path("nullable").asBoolean()) {
            edits.put(at + ": null", body -> put(body, at, "null"));
        }
        switch (type) {
            case "string" -> {
                stringViolations(schema).forEach((rule, value) -> edits.put(at + ": " + rule,
                        body -> put(body, at, JsonNodeFactory.instance.textNode(value).toString())));
                // JSON's escapes can spell half of a surrogate pair, which I-JSON and the spec refuse
                for (String lone : List.of("\\ud800", "a\\udfff", "\\ude00\\ud83d", "\\udbff")) {
                    edits.put(at + ": a lone surrogate escape " + lone, body -> put(body, at, "\"" + lone + "\""));
                }
            }
            case "array" -> {
                if (schema.has("maxItems")) {
                    edits.put(at + ": maxItems + 1", body -> put(body, at, repeated(valid(resolve(schema.path("items"))),
                            schema.path("maxItems").asInt() + 1)));
                }
                edits.putAll(bodyViolations(resolve(schema.path("items")), at + "/0"));
            }
            case "object" -> {
                for (JsonNode required : schema.path("required")) {
                    edits.put(at + ": without required " + required.asText(),
                            body -> { ((ObjectNode) body.at(at.isEmpty() ? "" : at)).remove(required.asText());
                                return body; });
                }
                if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
                    edits.put(at + ": an extra property", body -> { ((ObjectNode) body.at(at)).put("extra", 1);
                        return body; });
                }
                if (schema.path("minProperties").asInt(0) >= 1) {
                    edits.put(at + ": no properties", body -> JSON.createObjectNode());
                }
                schema.path("properties").fieldNames().forEachRemaining(name -> edits.put(
                        at + ": " + name + " given twice", body -> put(body, at, withKeyTwice(body.at(at), name))));
                schema.path("properties").properties().forEach(property -> edits.putAll(
                        bodyViolations(resolve(property.getValue()), at + "/" + property.getKey())));
            }
            default -> { }
        }
        return edits;
    }

    /**
     * Raw JSON of another type than {@code type}, by what it is; {@code validJson} is a value the
     * field accepts, for the kinds that wrap it (an array or object around a right value).
     */
    private static Map<String, String> wrongTypes(String type, String validJson) {
        Map<String, Map<String, String>> byJsonType = new LinkedHashMap<>();
        byJsonType.put("string", new LinkedHashMap<>());
        byJsonType.get("string").put("a string", "\"text\"");
        byJsonType.get("string").put("a number as a string", "\"12\"");
        byJsonType.get("string").put("a boolean as a string", "\"true\"");
        byJsonType.get("string").put("an empty string", "\"\"");
        byJsonType.put("integer", new LinkedHashMap<>());
        byJsonType.get("integer").put("a number", "12");
        byJsonType.get("integer").put("a negative number", "-1");
        byJsonType.put("number", new LinkedHashMap<>());
        byJsonType.get("number").put("a fraction", "1.5");
        byJsonType.get("number").put("1e400", "1e400");
        byJsonType.get("number").put("-1e400", "-1e400");
        byJsonType.get("number").put("2^63", "9223372036854775808");
        byJsonType.get("number").put("a 400-digit number", "9".repeat(400));
        byJsonType.put("boolean", new LinkedHashMap<>());
        byJsonType.get("boolean").put("a boolean", "true");
        byJsonType.get("boolean").put("false", "false");
        byJsonType.put("object", new LinkedHashMap<>());
        byJsonType.get("object").put("an object", "{}");
        byJsonType.get("object").put("an object around a right value", "{\"value\":" + validJson + "}");
        byJsonType.get("object").put("objects nested 100 deep", "{\"a\":".repeat(100) + "1" + "}".repeat(100));
        byJsonType.put("array", new LinkedHashMap<>());
        byJsonType.get("array").put("an array", "[]");
        byJsonType.get("array").put("an array around a right value", "[" + validJson + "]");
        byJsonType.get("array").put("arrays nested 100 deep", "[".repeat(100) + "]".repeat(100));
        // an integer is a number too; every other type excludes only itself
        byJsonType.remove(type);
        if (type.equals("number")) {
            byJsonType.remove("integer");
        }
        Map<String, String> values = new LinkedHashMap<>();
        byJsonType.values().forEach(values::putAll);
        return values;
    }

    /** The object's JSON with {@code name} written twice, first with its own value. */
    private static String withKeyTwice(JsonNode object, String name) {
        String text = object.toString();
        String first = "\"" + name + "\":" + object.path(name) + (object.size() > 0 ? "," : "");
        return "{" + first + text.substring(1);
    }

    /** Bodies that are not acceptable JSON for any schema: broken, nested, huge, duplicated, mis-encoded. */
    private static Map<String, byte[]> wholeBodyViolations(JsonNode valid) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String text = valid.toString();
        bodies.put("empty body", new byte[0]);
        bodies.put("not JSON", "vendor=OTHER".getBytes(StandardCharsets.UTF_8));
        bodies.put("cut off", text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8));
        bodies.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("a JSON array", ("[" + text + "]").getBytes(StandardCharsets.UTF_8));
        bodies.put("nested 10000 deep", ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("objects nested 10000 deep", ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("an array just under 1 MiB", ("[" + "1,".repeat(1024 * 1024 / 2 - 8) + "1]")
                .getBytes(StandardCharsets.UTF_8));
        String firstField = valid.fieldNames().hasNext() ? valid.fieldNames().next() : "x";
        valid.fieldNames().forEachRemaining(field -> bodies.put("a duplicate key " + field,
                ("{\"" + field + "\":\"NOT_IN_ENUM\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8)));
        for (String token : List.of("NaN", "Infinity", "-Infinity", "01", "+1", ".5", "0x10", "'single'", "{a:1}")) {
            bodies.put("not a JSON token: " + token, ("{\"" + firstField + "\":" + token + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (char control = 0; control < 0x20; control++) {
            bodies.put("a raw control character in a string: " + describe(String.valueOf(control)),
                    withBytesInFirstString(text, new byte[] {(byte) control}));
        }
        for (String invalid : List.of("C328", "C0AF", "EDA080", "FF", "F888808080", "C3", "80")) {
            bodies.put("invalid UTF-8 " + invalid, withBytesInFirstString(text, HexFormat.of().parseHex(invalid)));
        }
        bodies.put("trailing garbage", (text + "}{").getBytes(StandardCharsets.UTF_8));
        bodies.put("a byte order mark and comments", ("\uFEFF/* c */" + text).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    /** The JSON text with raw bytes put at the start of its first string value. */
    private static byte[] withBytesInFirstString(String json, byte[] inserted) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf(":\"") + 2;
        byte[] result = new byte[utf8.length + inserted.length];
        System.arraycopy(utf8, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(utf8, at, result, at + inserted.length, utf8.length - at);
        return result;
    }

    /** A value that the schema accepts: its example, its first enum value, or the shortest that fits. */
    private JsonNode valid(JsonNode schema) {
        if (schema.has("example")) {
            return schema.path("example");
        }
        if (schema.has("enum")) {
            return schema.path("enum").path(0);
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> JsonNodeFactory.instance.numberNode(schema.path("minimum").asLong(1));
            case "boolean" -> JsonNodeFactory.instance.booleanNode(true);
            case "array" -> repeatedNode(valid(resolve(schema.path("items"))), 1);
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                schema.path("properties").properties().forEach(property ->
                        object.set(property.getKey(), valid(resolve(property.getValue()))));
                yield object;
            }
            default -> JsonNodeFactory.instance.textNode(schema.has("pattern") ? "https://example.com/api"
                    : schema.path("format").asText().equals("uuid") ? "00000000-0000-4000-8000-000000000000"
                    : "a".repeat(Math.max(1, schema.path("minLength").asInt(1))));
        };
    }

    private static ArrayNode repeatedNode(JsonNode item, int times) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < times; i++) {
            array.add(item);
        }
        return array;
    }

    private static String repeated(JsonNode item, int times) {
        return repeatedNode(item, times).toString();
    }

    /** The body with the value at {@code at} replaced by raw JSON (which may be beyond what a tree can hold). */
    private static JsonNode put(JsonNode body, String at, String rawJson) {
        if (at.isEmpty()) {
            return new RawJson(rawJson);
        }
        JsonNode parent = body.at(at.substring(0, at.lastIndexOf('/')));
        String last = at.substring(at.lastIndexOf('/') + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), JsonNodeFactory.instance.textNode(HOLE));
        } else {
            ((ObjectNode) parent).put(last, HOLE);
        }
        return new RawJson(body.toString().replace("\"" + HOLE + "\"", rawJson));
    }

    /** A body already rendered as text. */
    private static final class RawJson extends com.fasterxml.jackson.databind.node.TextNode {
        private static final long serialVersionUID = 1L;

        RawJson(String json) {
            super(json);
        }

        @Override
        public String toString() {
            return textValue();
        }
    }

    private Set<Integer> documentedClientErrors(JsonNode op) {
        Set<Integer> statuses = new TreeSet<>();
        op.path("responses").fieldNames().forEachRemaining(status -> {
            if (status.startsWith("4")) {
                statuses.add(Integer.parseInt(status));
            }
        });
        return statuses;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = spec.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> oddCharacters() {
        List<String> odd = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            odd.add(String.valueOf(c));
        }
        odd.addAll(List.of("\u007f", "\u0085", "\u00a0", "\u200b", "\u200d", "\u202e", "\u2028", "\ufeff",
                "\ufffd", "\ud800", "\udfff", "\ud83d\ude00", "\u2603", "\uff21",
                // noncharacters, and the last code point there is
                "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\udbff\udfff", "\ud83f\udffe"));
        return odd;
    }

    private static String describe(String text) {
        StringBuilder described = new StringBuilder();
        text.codePoints().forEach(c -> described.append(String.format("U+%04X ", c)));
        return described.toString().trim();
    }

    private static JsonNode load() {
        try (InputStream yaml = HostileRequests.class.getResourceAsStream("/openapi/coc-multicloud.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Operation(String id, String method, String pathTemplate, Set<Integer> documented) {}

    /** A valid request of one operation, from which each probe departs by one rule. */
    private record RequestShape(Operation operation, Map<String, String> pathValues,
            Map<String, List<String>> query, JsonNode body) {

        Probe withPath(String name, String rule, String rawValue) {
            Map<String, String> path = new LinkedHashMap<>(pathValues);
            path.put(name, rawValue);
            Probe probe = probe(name + ": " + rule, path, query, contentType(), bytes(body));
            return rawValue.isEmpty() ? probe.alsoAllowing(404, 405) : probe; // the path of no operation
        }

        Probe withQuery(String name, String rule, String rawValue) {
            return withQuery(name, rule, List.of(rawValue));
        }

        Probe withQuery(String name, String rule, List<String> rawValues) {
            Map<String, List<String>> changed = new LinkedHashMap<>(query);
            changed.put(name, rawValues);
            return probe(name + ": " + rule, pathValues, changed, contentType(), bytes(body));
        }

        Probe withoutQuery(String name) {
            Map<String, List<String>> changed = new LinkedHashMap<>(query);
            changed.remove(name);
            return probe("without required " + name, pathValues, changed, contentType(), bytes(body));
        }

        Probe withBody(String rule, JsonNode changed) {
            return probe("body" + rule, pathValues, query, "application/json", bytes(changed));
        }

        Probe withRawBody(String rule, String contentType, byte[] raw) {
            return probe("body: " + rule, pathValues, query, contentType, raw);
        }

        private String contentType() {
            return body == null ? null : "application/json";
        }

        private static byte[] bytes(JsonNode json) {
            return json == null ? new byte[0] : json.toString().getBytes(StandardCharsets.UTF_8);
        }

        private Probe probe(String rule, Map<String, String> path, Map<String, List<String>> queryValues,
                String contentType, byte[] bytes) {
            String target = operation.pathTemplate();
            for (Map.Entry<String, String> value : path.entrySet()) {
                target = target.replace("{" + value.getKey() + "}", value.getValue());
            }
            List<String> pairs = new ArrayList<>();
            queryValues.forEach((name, values) -> values.forEach(value -> pairs.add(name + "=" + value)));
            if (!pairs.isEmpty()) {
                target += "?" + String.join("&", pairs);
            }
            return new Probe(operation.id(), rule, operation.method(), target, contentType, bytes,
                    operation.documented());
        }
    }
}
