package io.callbridge.common.tenant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHashesTest {

    @Test
    void theHashIsWhatSha256sumPrints() {
        // printf %s acme-test-key | sha256sum
        assertThat(SecretHashes.sha256Hex("acme-test-key"))
                .isEqualTo("ebfbfd0414bb0cb52b149c7596a65b6892c759178bdc540e50a3c9b3575775e3");
    }
}
