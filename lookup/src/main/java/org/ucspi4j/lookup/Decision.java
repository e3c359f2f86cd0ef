package org.ucspi4j.lookup;

/** What a rule does with a connection. */
public enum Decision {
    ALLOW,
    DENY
}
