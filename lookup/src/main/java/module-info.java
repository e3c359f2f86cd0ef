/**
 * What a server needs of a rules cdb, and nothing of the compiler: dialects, the key codec, the
 * one lookup order; the address texts the rule tools share.
 */
module org.ucspi4j.lookup {
    requires transitive org.ucspi4j.cdb;

    exports org.ucspi4j.lookup;
    exports org.ucspi4j.lookup.text;
}
