package io.cocsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensAgainAndEachSealingDiffers() throws Exception {
        SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("secret.key"));

        String first = cipher.seal("pässwörd");
        String second = cipher.seal("pässwörd");

        assertThat(first).startsWith("v1:").doesNotContain("pässwörd").isNotEqualTo(second);
        assertThat(cipher.open(first)).isEqualTo("pässwörd");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.key"))))
                .isEqualTo("rw-------");
        assertThat(SecretCipher.fromKeyFile(dir.resolve("secret.key")).open(first)).as("the key is kept")
                .isEqualTo("pässwörd");
    }

    @Test
    void aChangedValueOrAnotherKeyIsRefused() {
        SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("secret.key"));
        String sealed = cipher.seal("secret");
        // one bit of the ciphertext flipped (editing the Base64 text could hit bits it discards)
        byte[] stored = Base64.getDecoder().decode(sealed.substring("v1:".length()));
        stored[stored.length / 2] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(stored);

        assertThatThrownBy(() -> cipher.open(tampered)).hasMessageNotContaining("secret\"");
        assertThatThrownBy(() -> SecretCipher.fromKeyFile(dir.resolve("other.key")).open(sealed))
                .hasMessageContaining("was the key replaced?");
        assertThatThrownBy(() -> cipher.open("secret")).hasMessageContaining("not sealed");
    }

    @Test
    void aKeyFileOfTheWrongSizeStopsTheStartNamingTheSetting() throws Exception {
        Files.writeString(dir.resolve("short.key"), "c2hvcnQ=");

        assertThatThrownBy(() -> SecretCipher.fromKeyFile(dir.resolve("short.key")))
                .hasMessageStartingWith("secret-key-file").hasMessageContaining("32 bytes");
    }
}
