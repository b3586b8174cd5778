package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void withNothingSetTheServerListensOn8080WithDataInDotData() {
        ServerConfig config = Main.parse(new String[0], Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        Map<String, String> env = Map.of("COC_HTTP_PORT", "9000", "COC_DATA_DIR", "/var/lib/coc");

        assertThat(Main.parse(new String[0], env).port()).isEqualTo(9000);
        assertThat(Main.parse(new String[0], env).dataDir()).isEqualTo(Path.of("/var/lib/coc"));
        ServerConfig flagged = Main.parse(new String[] {"--port", "9100", "--data-dir", "/tmp/coc"}, env);
        assertThat(flagged.port()).isEqualTo(9100);
        assertThat(flagged.dataDir()).isEqualTo(Path.of("/tmp/coc"));
    }

    @Test
    void aBadValueNamesItsSetting() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("--port must be a whole number, not 'http'");
        assertThatThrownBy(() -> Main.parse(new String[0], Map.of("COC_HTTP_PORT", "70000")))
                .hasMessage("port must be between 0 and 65535, not 70000");
        assertThatThrownBy(() -> Main.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessage("unknown option: --colour");
    }
}
