/** The constant database: a streaming writer, a mapped reader, the cdbmake text format. */
module org.ucspi4j.cdb {
    exports org.ucspi4j.cdb;
}
