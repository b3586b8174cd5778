package io.cocsync.server;

import io.cocsync.storage.Dialect;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one list of the server's settings and where each can be given. Later sources win:
 * built-in defaults, then the config file ({@code --config FILE} or {@code COC_CONFIG}, a Java
 * properties file keyed by setting name), then environment variables, then flags.
 */
public final class Settings {

    /** One setting: its name (config-file key and flag), environment variable, default and meaning. */
    public record Setting(String name, String env, String defaultValue, String meaning) {
        public String flag() {
            return "--" + name;
        }
    }

    public static final List<Setting> ALL = List.of(
            new Setting("port", "COC_HTTP_PORT", "8080", "HTTP port (0 picks a free one)"),
            new Setting("data-dir", "COC_DATA_DIR", "./data", "directory of the embedded database"),
            new Setting("sync-threads", "COC_SYNC_THREADS", "4", "sync tasks that run at once"),
            new Setting("accounts-per-vendor", "COC_ACCOUNTS_PER_VENDOR", "2",
                    "accounts of one vendor read at once"),
            new Setting("account-time-limit", "COC_ACCOUNT_TIME_LIMIT", "60",
                    "minutes one account's sync may take before it is failed"),
            new Setting("sync-interval", "COC_SYNC_INTERVAL", "0",
                    "minutes between automatic syncs of every account; 0 turns them off"),
            new Setting("log-format", "COC_LOG_FORMAT", "text", "text, or json for JSON lines"),
            new Setting("secret-key-file", "COC_SECRET_KEY_FILE", "",
                    "AES key (32 bytes, Base64) sealing vendor secrets; empty: secret.key in data-dir,"
                            + " created on first start"),
            new Setting("vendor-ca-file", "COC_VENDOR_CA_FILE", "",
                    "PEM file of the CA certificates that HTTPS calls to vendors trust instead of the JDK's;"
                            + " empty: the JDK's own"),
            new Setting("jdbc-url", "COC_JDBC_URL", "",
                    "a shared database, e.g. jdbc:postgresql://db:5432/coc; empty: embedded H2 in data-dir"),
            new Setting("jdbc-user", "COC_JDBC_USER", "", "the database user of jdbc-url"),
            new Setting("jdbc-password", "COC_JDBC_PASSWORD", "", "the password of jdbc-user"),
            new Setting("task-lease", "COC_TASK_LEASE", "30",
                    "seconds until another instance takes over the sync task of one that died"),
            new Setting("idle-timeout", "COC_IDLE_TIMEOUT", "30",
                    "seconds an HTTP connection may stay silent mid-request before it is closed"),
            new Setting("body-timeout", "COC_BODY_TIMEOUT", "30",
                    "seconds a client may take to send a whole request body before it is answered 400"),
            new Setting("vendor-timeout", "COC_VENDOR_TIMEOUT", "60",
                    "seconds one HTTP call to a vendor may take, whole answer included, before it is retried"),
            new Setting("db-connect-timeout", "COC_DB_CONNECT_TIMEOUT", "5",
                    "seconds a request waits for a database connection before it is answered 503"),
            new Setting("db-answer-timeout", "COC_DB_ANSWER_TIMEOUT", "60",
                    "seconds a PostgreSQL connection may wait silent for an answer before it is dropped"),
            new Setting("disk-reserve", "COC_DISK_RESERVE", "16",
                    "megabytes the embedded database keeps in reserve for a full disk (0: none)"),
            new Setting("plain-http-allowed", "COC_PLAIN_HTTP_ALLOWED", "",
                    "comma-separated host names and CIDR networks whose vendor endpoints may be plain http://;"
                            + " empty: https:// only (the demo jar allows loopback)"),
            new Setting("max-connections-per-address", "COC_MAX_CONNECTIONS_PER_ADDRESS", "256",
                    "open connections one client address may hold; a request past it is answered 429"),
            new Setting("max-body-reads-per-address", "COC_MAX_BODY_READS_PER_ADDRESS", "64",
                    "requests with a body one client address may have in progress; past it, 429"),
            new Setting("max-body-reads", "COC_MAX_BODY_READS", "128",
                    "requests with a body in progress from all clients; past it, 503"),
            new Setting("allow-readable-secrets", "COC_ALLOW_READABLE_SECRETS", "false",
                    "true: start although the credentials or key file is readable by group or others"));

    private static final String CONFIG_FLAG = "--config";
    private static final String CONFIG_ENV = "COC_CONFIG";

    private Settings() {}

    /** Resolves every setting from flags and environment; throws naming the setting that is wrong. */
    public static ServerConfig resolve(String[] args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> values = new HashMap<>();
        ALL.forEach(setting -> values.put(setting.name(), setting.defaultValue()));
        Optional.ofNullable(flags.remove(CONFIG_FLAG)).or(() -> Optional.ofNullable(env.get(CONFIG_ENV)))
                .ifPresent(file -> values.putAll(readConfigFile(Path.of(file))));
        for (Setting setting : ALL) {
            String fromEnv = env.get(setting.env());
            if (fromEnv != null) {
                values.put(setting.name(), fromEnv);
            }
            String fromFlag = flags.remove(setting.flag());
            if (fromFlag != null) {
                values.put(setting.name(), fromFlag);
            }
        }
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option: " + flags.keySet().iterator().next());
        }
        return new ServerConfig(
                integer(values, "port"),
                path(values, "data-dir"),
                integer(values, "sync-threads"),
                integer(values, "accounts-per-vendor"),
                Duration.ofMinutes(integer(values, "account-time-limit")),
                Duration.ofMinutes(integer(values, "sync-interval")),
                logFormat(values),
                optionalPath(values, "secret-key-file"),
                optionalPath(values, "vendor-ca-file"),
                jdbc(values),
                Duration.ofSeconds(integer(values, "task-lease")),
                Duration.ofSeconds(integer(values, "idle-timeout")),
                Duration.ofSeconds(integer(values, "body-timeout")),
                Duration.ofSeconds(integer(values, "vendor-timeout")),
                new ServerConfig.DatabaseTimeouts(Duration.ofSeconds(integer(values, "db-connect-timeout")),
                        Duration.ofSeconds(integer(values, "db-answer-timeout"))),
                integer(values, "disk-reserve"),
                new ServerConfig.Security(list(values, "plain-http-allowed"),
                        integer(values, "max-connections-per-address"),
                        integer(values, "max-body-reads-per-address"),
                        integer(values, "max-body-reads"),
                        bool(values, "allow-readable-secrets")));
    }

    private static List<String> list(Map<String, String> values, String name) {
        return java.util.Arrays.stream(values.get(name).split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList();
    }

    /** The text of {@code --help}: every setting with its flag, variable and default. */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar coc-multicloud-sync.jar [options]\n\n")
                .append("Settings (later sources win: defaults, config file, environment, flags):\n");
        for (Setting s : ALL) {
            text.append(String.format("  %-26s %-24s default %-7s %s%n", s.flag() + " VALUE", s.env(),
                    s.defaultValue(), s.meaning()));
        }
        return text.append(String.format("  %-26s %-24s %s%n", CONFIG_FLAG + " FILE", CONFIG_ENV,
                        "a properties file of settings by name, e.g. port=8080"))
                .append("  --version                  print the version\n")
                .append("\nissue-token [--hours N] [settings]: add an administrator token (valid N hours, default 8)\n")
                .append("  to the credentials file of the data directory and print it, for X-Auth-Token\n")
                .append("backup --to FILE [settings]: back up the embedded database of a stopped server\n")
                .append("  (a running one: POST /admin/backup)\n")
                .append("restore --from FILE [settings]: rebuild data-dir's database from a backup\n")
                .append("rotate-secret-key [settings]: re-seal every vendor secret with a new key; safe to re-run\n")
                .append("  --help                     print this text\n")
                .toString();
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + flag);
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            if (hasValue) {
                flags.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
        }
        return flags;
    }

    private static Map<String, String> readConfigFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (ALL.stream().noneMatch(setting -> setting.name().equals(key))) {
                throw new IllegalArgumentException("config file " + file + ": unknown setting '" + key + "'");
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }

    private static boolean bool(Map<String, String> values, String name) {
        String value = values.get(name).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int integer(Map<String, String> values, String name) {
        String value = values.get(name);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static ServerConfig.Jdbc jdbc(Map<String, String> values) {
        String url = values.get("jdbc-url").trim();
        if (!url.isEmpty() && !Dialect.supports(url)) {
            throw new IllegalArgumentException("jdbc-url must be a jdbc:postgresql: (or jdbc:h2:) URL, not '" + url + "'");
        }
        return new ServerConfig.Jdbc(url, values.get("jdbc-user").trim(), values.get("jdbc-password"));
    }

    private static Path path(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return Path.of(value);
    }

    /** A path, or null for an empty value (the setting's documented default applies). */
    private static Path optionalPath(Map<String, String> values, String name) {
        String value = values.get(name).trim();
        return value.isEmpty() ? null : Path.of(value);
    }

    private static ServerConfig.LogFormat logFormat(Map<String, String> values) {
        String value = values.get("log-format").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text" -> ServerConfig.LogFormat.TEXT;
            case "json" -> ServerConfig.LogFormat.JSON;
            default -> throw new IllegalArgumentException("log-format must be text or json, not '" + value + "'");
        };
    }
}
