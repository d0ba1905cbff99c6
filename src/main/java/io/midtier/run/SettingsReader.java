package io.midtier.run;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;

/**
 * Reads midtier's settings once, typed, for the settings records the configuration classes build (one record per
 * concern). Values come from the properties component (application.properties, profile files, -D, environment
 * variables), as {@code @PropertyInject} would see them. A setting that is missing or not of its type refuses the
 * start with a line naming it, instead of a conversion stack trace.
 */
public final class SettingsReader {

    private final Function<String, Optional<String>> lookup;

    public SettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static SettingsReader of(CamelContext context) {
        return new SettingsReader(context.getPropertiesComponent()::resolveProperty);
    }

    /** Settings from a plain map (unit tests of the settings records). */
    public static SettingsReader of(Map<String, String> values) {
        return new SettingsReader(key -> Optional.ofNullable(values.get(key)));
    }

    /** A setting that must be present (it may be empty). */
    public String text(String key) {
        return lookup.apply(key).orElseThrow(() -> new StartRefused(key + " is not set"));
    }

    public String text(String key, String absent) {
        return lookup.apply(key).orElse(absent);
    }

    public int integer(String key) {
        return parsed(key, Integer::parseInt, "a whole number");
    }

    public long longNumber(String key) {
        return parsed(key, Long::parseLong, "a whole number");
    }

    public double decimal(String key) {
        return parsed(key, Double::parseDouble, "a number");
    }

    private <T> T parsed(String key, Function<String, T> parse, String expected) {
        String value = text(key).strip();
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw wrongType(key, value, expected);
        }
    }

    public boolean flag(String key) {
        String value = text(key).strip();
        // strictly true or false: Boolean.parseBoolean would read a typo as false
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw wrongType(key, value, "true or false");
    }

    private static StartRefused wrongType(String key, String value, String expected) {
        return new StartRefused(key + " must be " + expected + ", not '" + value + "'");
    }
}
