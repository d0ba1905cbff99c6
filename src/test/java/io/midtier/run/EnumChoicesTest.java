package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.delivery.DeliveryStep;
import org.apache.camel.CamelContext;
import org.apache.camel.TypeConverter;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ObjectHelper;
import org.junit.jupiter.api.Test;

// A route's choice on an enum (`${body} == 'SETTLED'`): the comparison finds its converter in one lookup of the exact
// pair, and gives the same answers as Camel's own search.
class EnumChoicesTest {

    @Test
    void both_directions_are_registered_for_the_exact_pair() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThat(context.getTypeConverterRegistry().lookup(DeliveryStep.class, String.class)).isNull();

            EnumChoices.register(context, DeliveryStep.class);

            assertThat(context.getTypeConverterRegistry().lookup(DeliveryStep.class, String.class))
                    .isInstanceOf(EnumChoices.ByName.class);
            assertThat(context.getTypeConverterRegistry().lookup(String.class, DeliveryStep.class))
                    .isInstanceOf(EnumChoices.ByName.class);
        }
    }

    @Test
    void a_constant_equals_its_own_name_only() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            EnumChoices.register(context, DeliveryStep.class);
            TypeConverter converter = context.getTypeConverter();

            assertThat(ObjectHelper.typeCoerceEquals(converter, DeliveryStep.SETTLED, "SETTLED")).isTrue();
            assertThat(ObjectHelper.typeCoerceEquals(converter, DeliveryStep.SETTLED, "PARK")).isFalse();
            assertThat(ObjectHelper.typeCoerceEquals(converter, DeliveryStep.SETTLED, "NO_SUCH_STEP")).isFalse();
            assertThat(ObjectHelper.typeCoerceEquals(converter, "DELIVER", DeliveryStep.DELIVER)).isTrue();
            assertThat(converter.convertTo(String.class, DeliveryStep.PARK)).isEqualTo("PARK");
        }
    }
}
