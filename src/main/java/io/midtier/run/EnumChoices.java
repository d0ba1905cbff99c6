package io.midtier.run;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Type converters between the routes' decision enums and their names. A route's choice compares what a bean step
 * decided with a constant ({@code ${body} == 'SETTLED'}), and Camel coerces one side to the other's type. With no
 * converter registered for exactly that pair, its registry searches the enum's superclasses and interfaces on every
 * comparison (one in twenty of the samples of {@code bench/profile.sh writes}); registered, it is one map hit.
 */
public final class EnumChoices {

    private EnumChoices() {
    }

    /** Registers both directions (name to constant, constant to name) for each enum type. */
    @SafeVarargs
    public static void register(CamelContext context, Class<? extends Enum<?>>... types) {
        for (Class<? extends Enum<?>> type : types) {
            ByName converter = new ByName(type);
            context.getTypeConverterRegistry().addTypeConverter(type, String.class, converter);
            context.getTypeConverterRegistry().addTypeConverter(String.class, type, converter);
        }
    }

    /** One enum's constants by name; a name it does not have converts to nothing (the comparison is false). */
    static final class ByName extends TypeConverterSupport {
        private final Class<?> type;
        private final Map<String, Enum<?>> constants = new HashMap<>();

        ByName(Class<? extends Enum<?>> type) {
            this.type = type;
            for (Enum<?> constant : type.getEnumConstants()) {
                constants.put(constant.name(), constant);
            }
        }

        @Override
        public <T> T convertTo(Class<T> to, Exchange exchange, Object value) {
            if (to == String.class && type.isInstance(value)) {
                return to.cast(((Enum<?>) value).name());
            }
            if (to == type && value instanceof String name) {
                return to.cast(constants.get(name));
            }
            return null;
        }
    }
}
