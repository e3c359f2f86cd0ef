/** The tcprules grammar and the lexer and parser ANTLR generates from it. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // ANTLR's runtime is an automatic module
module org.ucspi4j.grammar {
    requires transitive org.antlr.antlr4.runtime;

    exports org.ucspi4j.grammar;
}
