package org.ucspi4j.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTest {
    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::1", "::ffff:1.2.3.4", "fe80::1"})
    void addressesAServerCouldSet(String ip) {
        assertThat(Query.isAddress(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "not-an-ip", "", "::g", "1::2::3",
            "fe80::1%eth0", "1.2.3.4 "})
    void notAddresses(String ip) {
        assertThat(Query.isAddress(ip)).isFalse();
    }
}
