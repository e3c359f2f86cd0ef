/** Example handlers for sslhandle, written as an embedder writes them: against runtime's exports only. */
module org.ucspi4j.samples {
    requires transitive org.ucspi4j.runtime;

    exports org.ucspi4j.samples;
}
