package io.cocsync.http;

import java.lang.reflect.Method;

/** The spec's operationId of a resource method: the generated interface names it in lower camel case. */
final class Operations {

    private Operations() {}

    static String idOf(Method method) {
        String name = method.getName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
