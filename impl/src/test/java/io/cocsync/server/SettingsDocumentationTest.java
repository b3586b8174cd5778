package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The settings table of docs/configuration.md says what the code's list of settings says, so
 * that the page and {@code --help} cannot drift apart: the same settings in the same order, each
 * with its environment variable and default.
 */
class SettingsDocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    /** One row of the table: setting, environment variable, default (quoted as code, or the word "empty"). */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| `([A-Z_]+)` \\| (`[^`]*`|empty) \\| .+ \\|$");

    @Test
    void theConfigurationPageListsEverySettingWithItsVariableAndDefault() throws IOException {
        List<String> documented = Files.readAllLines(PAGE).stream()
                .map(ROW::matcher)
                .filter(Matcher::matches)
                .map(row -> row.group(1) + " " + row.group(2) + " " + row.group(3))
                .toList();

        List<String> inCode = Settings.ALL.stream()
                .map(setting -> setting.name() + " " + setting.env() + " "
                        + (setting.defaultValue().isEmpty() ? "empty" : "`" + setting.defaultValue() + "`"))
                .toList();

        assertThat(documented).as("the rows of the settings table in " + PAGE).isEqualTo(inCode);
    }

    @Test
    void helpPrintsEverySettingOfTheSameList() {
        String help = Settings.usage();

        assertThat(Settings.ALL).allSatisfy(setting -> assertThat(help).contains(setting.flag() + " VALUE")
                .contains(setting.env()));
    }
}
