/** One command per program, and Main, which runs the one it is called as. */
module org.ucspi4j.cli {
    requires org.ucspi4j.runtime;
    requires org.ucspi4j.rules;
    requires org.ucspi4j.metrics;
    requires info.picocli;

    opens org.ucspi4j.cli to info.picocli; // picocli sets the commands' option fields reflectively
}
