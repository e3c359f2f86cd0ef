package org.ucspi4j.rules;

/** What a rule does with a connection. */
public enum Decision {
    ALLOW,
    DENY
}
