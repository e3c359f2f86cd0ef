package org.ucspi4j.runtime.tls;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ucspi4j.runtime.tls.SuiteAttributes.Authentication;
import org.ucspi4j.runtime.tls.SuiteAttributes.Encryption;
import org.ucspi4j.runtime.tls.SuiteAttributes.KeyExchange;
import org.ucspi4j.runtime.tls.SuiteAttributes.Mac;
import org.ucspi4j.runtime.tls.SuiteAttributes.MinVersion;
import org.ucspi4j.runtime.tls.SuiteAttributes.Strength;

/**
 * What one word of a cipher string ({@code kECDHE}, {@code AESGCM}, {@code AES128-SHA}) or a
 * {@code +}-joined group of words matches: per attribute the values allowed (null: any), as OpenSSL's
 * masks do. A suite matches when each attribute is allowed; for the strength flags one shared flag
 * is enough, as in OpenSSL.
 *
 * @param suite the IANA name when the word names one suite
 * @param minVersion only from version keywords: a named suite's own version is not part of the pattern
 * @param notDefault only suites outside DEFAULT ({@code COMPLEMENTOFDEFAULT}, or a named suite that is)
 */
record SuitePattern(String suite, Set<KeyExchange> kx, Set<Authentication> au, Set<Encryption> enc, Set<Mac> mac,
                    MinVersion minVersion, Set<Strength> strength, boolean notDefault) {

    static final SuitePattern ANY = new SuitePattern(null, null, null, null, null, null, null, false);

    static SuitePattern kx(KeyExchange first, KeyExchange... rest) {
        return ANY.with(EnumSet.of(first, rest), null, null, null);
    }

    static SuitePattern au(Authentication first, Authentication... rest) {
        return ANY.with(null, EnumSet.of(first, rest), null, null);
    }

    static SuitePattern enc(Set<Encryption> enc) {
        return ANY.with(null, null, enc, null);
    }

    static SuitePattern mac(Mac mac) {
        return ANY.with(null, null, null, EnumSet.of(mac));
    }

    static SuitePattern version(MinVersion version) {
        return new SuitePattern(null, null, null, null, null, version, null, false);
    }

    static SuitePattern strength(Strength strength) {
        return new SuitePattern(null, null, null, null, null, null, EnumSet.of(strength), false);
    }

    /** One named suite: its own attributes, so that combining it with a keyword it lacks matches nothing. */
    static SuitePattern suite(String iana, SuiteAttributes a) {
        return new SuitePattern(iana, EnumSet.of(a.kx()), EnumSet.of(a.au()), EnumSet.of(a.enc()), EnumSet.of(a.mac()),
                null, a.strength(), a.notDefault());
    }

    SuitePattern with(Set<KeyExchange> kx, Set<Authentication> au, Set<Encryption> enc, Set<Mac> mac) {
        return new SuitePattern(suite, kx, au, enc, mac, minVersion, strength, notDefault);
    }

    SuitePattern withNotDefault() {
        return new SuitePattern(suite, kx, au, enc, mac, minVersion, strength, true);
    }

    boolean matches(String iana, SuiteAttributes a) {
        return (suite == null || suite.equals(iana))
                && (kx == null || kx.contains(a.kx()))
                && (au == null || au.contains(a.au()))
                && (enc == null || enc.contains(a.enc()))
                && (mac == null || mac.contains(a.mac()))
                && (minVersion == null || minVersion == a.minVersion())
                && (strength == null || strength.stream().anyMatch(a.strength()::contains))
                && (!notDefault || a.notDefault());
    }

    /**
     * {@code this+other}: both at once. Empty when some attribute has no value left (or two versions
     * differ): OpenSSL then ignores the whole group rather than matching nothing.
     */
    Optional<SuitePattern> and(SuitePattern other) {
        MinVersion version = minVersion == null ? other.minVersion : minVersion;
        if (minVersion != null && other.minVersion != null && minVersion != other.minVersion) {
            return Optional.empty();
        }
        Set<KeyExchange> k = both(kx, other.kx);
        Set<Authentication> a = both(au, other.au);
        Set<Encryption> e = both(enc, other.enc);
        Set<Mac> m = both(mac, other.mac);
        Set<Strength> s = both(strength, other.strength);
        if (isEmpty(k) || isEmpty(a) || isEmpty(e) || isEmpty(m) || isEmpty(s)) {
            return Optional.empty();
        }
        // OpenSSL's quirk, kept for the same result: the first strength word overwrites the flags
        // gathered so far, so COMPLEMENTOFDEFAULT+HIGH is HIGH.
        boolean outside = strength == null && other.strength != null ? other.notDefault : notDefault || other.notDefault;
        return Optional.of(new SuitePattern(other.suite != null ? other.suite : suite, k, a, e, m, version, s, outside));
    }

    private static <T extends Enum<T>> Set<T> both(Set<T> x, Set<T> y) {
        if (x == null || y == null) {
            return x == null ? y : x;
        }
        if (x.isEmpty()) {
            return Set.of();
        }
        Set<T> out = EnumSet.copyOf(x);
        out.retainAll(y);
        return out;
    }

    private static boolean isEmpty(Set<?> s) {
        return s != null && s.isEmpty();
    }
}
