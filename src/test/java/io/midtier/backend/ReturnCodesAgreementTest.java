package io.midtier.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

// midtier's return codes and the simulator's are one table written down twice (two programs): same code, same name.
class ReturnCodesAgreementTest {

    @Test
    void the_simulator_names_every_return_code_as_midtier_does() throws Exception {
        Map<String, String> midtier = constants(ReturnCodes.class);
        Map<String, String> simulator = constants(io.midtier.simulator.ReturnCodes.class);

        assertThat(midtier).isNotEmpty();
        assertThat(simulator).isEqualTo(midtier);
    }

    /** The class's public static String constants, name to code. */
    private static Map<String, String> constants(Class<?> type) throws IllegalAccessException {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.put(field.getName(), (String) field.get(null));
            }
        }
        return constants;
    }
}
