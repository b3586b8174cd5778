package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void withNothingSetTheServerListensOn8080WithDataInDotData() {
        ServerConfig config = Settings.resolve(new String[0], Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.syncInterval()).isEqualTo(Duration.ZERO);
        assertThat(config.logFormat()).isEqualTo(ServerConfig.LogFormat.TEXT);
        assertThat(config.vendorCaFile()).isNull();
    }

    @Test
    void laterSourcesWinDefaultsThenConfigFileThenEnvironmentThenFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("coc.properties"), "port=7000\nsync-threads=8\nsync-interval=30\n");
        Map<String, String> env = Map.of("COC_CONFIG", file.toString(), "COC_HTTP_PORT", "9000");

        ServerConfig fromEnv = Settings.resolve(new String[0], env);
        ServerConfig fromFlags = Settings.resolve(new String[] {"--port", "9100", "--vendor-ca-file", "/etc/coc/vendor-ca.pem"}, env);

        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.syncThreads()).isEqualTo(8);
        assertThat(fromEnv.syncInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fromFlags.port()).isEqualTo(9100);
        assertThat(fromFlags.vendorCaFile()).isEqualTo(Path.of("/etc/coc/vendor-ca.pem"));
    }

    @Test
    void aBadValueNamesItsSetting() {
        assertThatThrownBy(() -> Settings.resolve(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("port must be a whole number, not 'http'");
        assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("COC_HTTP_PORT", "70000")))
                .hasMessage("port must be between 0 and 65535, not 70000");
        assertThatThrownBy(() -> Settings.resolve(new String[] {"--colour", "red"}, Map.of()))
                .hasMessage("unknown option: --colour");
        assertThatThrownBy(() -> Settings.resolve(new String[] {"--log-format", "xml"}, Map.of()))
                .hasMessage("log-format must be text or json, not 'xml'");
        assertThatThrownBy(() -> Settings.resolve(new String[] {"--port"}, Map.of()))
                .hasMessage("--port needs a value");
    }

    @Test
    void aConfigFileWithAnUnknownSettingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("coc.properties"), "prot=7000\n");

        assertThatThrownBy(() -> Settings.resolve(new String[] {"--config", file.toString()}, Map.of()))
                .hasMessage("config file " + file + ": unknown setting 'prot'");
    }

    @Test
    void helpListsEverySettingWithItsVariableAndDefault() {
        String usage = Settings.usage();

        for (Settings.Setting setting : Settings.ALL) {
            assertThat(usage).contains(setting.flag(), setting.env(), setting.defaultValue());
        }
    }
}
