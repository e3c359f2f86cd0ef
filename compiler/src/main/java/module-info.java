/** Rule lines to the model to a cdb; lint; explain, decompile, migrate, test. */
module org.ucspi4j.rules {
    requires transitive org.ucspi4j.lookup;
    requires org.ucspi4j.grammar;
    requires org.apache.commons.net;

    exports org.ucspi4j.rules;
    exports org.ucspi4j.rules.lint;
    exports org.ucspi4j.rules.tools;
}
