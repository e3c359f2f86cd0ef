package org.ucspi4j.runtime.handle;

/** Handlers named by class, as sslhandle's command line names them. */
public final class Handlers {
    private Handlers() {}

    /** Loads the handler class {@code className} from {@code loader} and makes its one instance. */
    public static ConnectionHandler load(String className, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className, true, loader);
        if (!ConnectionHandler.class.isAssignableFrom(c)) {
            throw new ClassCastException(className + " does not implement " + ConnectionHandler.class.getName());
        }
        return (ConnectionHandler) c.getConstructor().newInstance();
    }
}
