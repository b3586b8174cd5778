package io.cocsync.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.storage.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and creates the credentials file ({@code credentials.json} in the data directory; the
 * README documents the format). It holds SKs in clear, because HMAC verification needs them:
 * it is created readable and writable by its owner only.
 */
public final class CredentialsFile {

    public static final String NAME = "credentials.json";
    /** The domain of the administrator created on first start; accounts registered without a caller join it. */
    public static final String ADMIN_DOMAIN = NewVendorAccount.DEFAULT_DOMAIN;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String AK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SK_ALPHABET = AK_ALPHABET + "abcdefghijklmnopqrstuvwxyz";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path path;
    private final boolean allowReadable;

    /** A file that must be readable by its owner only (see {@link OwnerOnlyFiles}). */
    public CredentialsFile(Path path) {
        this(path, false);
    }

    /** @param allowReadable whether to read the file although group or others may read it too */
    public CredentialsFile(Path path, boolean allowReadable) {
        this.path = path;
        this.allowReadable = allowReadable;
    }

    public Path path() {
        return path;
    }

    /**
     * Creates the file with one administrator AK/SK holding every action, unless it exists;
     * true when it was created.
     */
    public boolean createWithAdministrator(SecureRandom random) {
        ObjectNode root = json.createObjectNode();
        ObjectNode admin = root.putArray("access_keys").addObject()
                .put("ak", randomText(random, AK_ALPHABET, 20))
                .put("sk", randomText(random, SK_ALPHABET, 40))
                .put("domain_id", ADMIN_DOMAIN)
                .put("enabled", true);
        ArrayNode actions = admin.putArray("actions");
        EnumSet.allOf(Action.class).forEach(action -> actions.add(action.iamName()));
        root.putArray("tokens");
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("the credentials file " + path + " cannot be created", e);
        }
        try {
            Files.write(path, json.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("the credentials file " + path + " cannot be written", e);
        }
        return true;
    }

    /**
     * Adds a token with every action in the administrator's domain, valid until {@code expires},
     * and returns it; the file keeps only its SHA-256. The file is replaced in one move, so a
     * running server's reload never sees half of it.
     */
    public String issueAdministratorToken(SecureRandom random, Instant expires) {
        String token = randomText(random, SK_ALPHABET, 48);
        try {
            ObjectNode root = (ObjectNode) json.readTree(Files.readAllBytes(path));
            ObjectNode entry = root.withArray("tokens").addObject()
                    .put("sha256", CanonicalRequest.sha256Hex(token.getBytes(StandardCharsets.UTF_8)))
                    .put("domain_id", ADMIN_DOMAIN)
                    .put("expires", expires.toString());
            ArrayNode actions = entry.putArray("actions");
            EnumSet.allOf(Action.class).forEach(action -> actions.add(action.iamName()));
            Path next = Files.createTempFile(path.getParent(), NAME, ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(next, json.writeValueAsBytes(root));
            Files.move(next, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the credentials file " + path + " cannot be updated: " + e.getMessage());
        }
        return token;
    }

    /** Reads and checks the whole file; throws naming the entry that is wrong, or the permissions to fix. */
    public Credentials read() {
        OwnerOnlyFiles.requireOwnerOnly(path, "credentials file", allowReadable);
        JsonNode root;
        try {
            root = json.readTree(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("the credentials file " + path + " cannot be read: " + e.getMessage());
        }
        Map<String, Credentials.AccessKey> accessKeys = new HashMap<>();
        for (JsonNode entry : root.path("access_keys")) {
            String ak = text(entry, "ak");
            Credentials.AccessKey key = new Credentials.AccessKey(ak, text(entry, "sk"), text(entry, "domain_id"),
                    actions(entry, "access key " + ak), entry.path("enabled").asBoolean(true));
            if (accessKeys.put(ak, key) != null) {
                throw invalid("access key " + ak + " is listed twice");
            }
        }
        Map<String, Credentials.Token> tokens = new HashMap<>();
        for (JsonNode entry : root.path("tokens")) {
            String hash = text(entry, "sha256");
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw invalid("a token's sha256 is not 64 lower-case hex digits");
            }
            tokens.put(hash, new Credentials.Token(hash, text(entry, "domain_id"),
                    actions(entry, "token " + hash.substring(0, 8)), expires(entry, hash)));
        }
        return new Credentials(accessKeys, tokens);
    }

    private Set<Action> actions(JsonNode entry, String owner) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (JsonNode name : entry.path("actions")) {
            actions.add(Action.byIamName(name.asText())
                    .orElseThrow(() -> invalid(owner + " has an unknown action '" + name.asText() + "'")));
        }
        return actions;
    }

    private Instant expires(JsonNode entry, String hash) {
        try {
            return Instant.parse(text(entry, "expires"));
        } catch (DateTimeParseException e) {
            throw invalid("token " + hash.substring(0, 8) + " has an expires that is not like 2027-01-31T00:00:00Z");
        }
    }

    private String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid("an entry lacks the text field '" + field + "'");
        }
        return value.asText();
    }

    private IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("the credentials file " + path + " is invalid: " + what);
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
