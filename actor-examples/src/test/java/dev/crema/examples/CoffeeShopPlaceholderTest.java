package dev.crema.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.examples.coffeeshop.CoffeeShop;
import org.junit.jupiter.api.Test;

class CoffeeShopPlaceholderTest {

    @Test
    void shop_servesEveryOrderAndShutsDownCleanly() throws Exception {
        String out = QuickStartTest.captureStdout(() -> CoffeeShop.main(new String[0]));
        assertThat(out).contains("order 10: cortado is ready", "brewed 10 drinks", "0 forcibly");
    }
}
