package dev.crema.examples.coffeeshop;

import java.util.Random;

/** The menu: what a customer can order and how often it is ordered. Plain data, no actor. */
enum Drink {
    ESPRESSO("espresso", 10, false),
    AMERICANO("americano", 15, false),
    LATTE("latte", 30, true),
    CAPPUCCINO("cappuccino", 20, true),
    FLAT_WHITE("flat white", 15, true),
    MOCHA("mocha", 10, true);

    private static final Drink[] ALL = values();
    private static final int TOTAL_WEIGHT = 100;

    private final String label;
    private final int weight;
    private final boolean milk;

    Drink(String label, int weight, boolean milk) {
        this.label = label;
        this.weight = weight;
        this.milk = milk;
    }

    /** @return a drink, the popular ones more often */
    static Drink pick(Random random) {
        int r = random.nextInt(TOTAL_WEIGHT);
        for (Drink d : ALL) {
            r -= d.weight;
            if (r < 0) {
                return d;
            }
        }
        return ALL[ALL.length - 1];
    }

    /** @return whether a failed brew of this drink is burnt milk (otherwise burnt beans) */
    boolean hasMilk() {
        return milk;
    }

    @Override
    public String toString() {
        return label;
    }
}
