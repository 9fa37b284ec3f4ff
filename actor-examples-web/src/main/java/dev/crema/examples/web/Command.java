package dev.crema.examples.web;

/**
 * A client's command, validated ({@link CommandParser}). The wire form is a JSON object with a {@code cmd}:
 * <pre>
 *   {"cmd":"open"}              open the doors
 *   {"cmd":"burn","rate":30}    burn rate 30 % (a whole number from 0 to 100)
 *   {"cmd":"addBarista"}        hire one more barista
 *   {"cmd":"close"}             close the shop: finish what is in flight, print the report
 * </pre>
 * Immutable and thread-safe.
 */
sealed interface Command {

    /** {@return the wire name, e.g. {@code burn}} */
    String name();

    /** Open the doors. */
    record Open() implements Command {
        @Override
        public String name() {
            return "open";
        }
    }

    /** Set the burn rate, in percent. */
    record Burn(int rate) implements Command {
        @Override
        public String name() {
            return "burn";
        }
    }

    /** Hire a barista. */
    record AddBarista() implements Command {
        @Override
        public String name() {
            return "addBarista";
        }
    }

    /** Close the shop. */
    record Close() implements Command {
        @Override
        public String name() {
            return "close";
        }
    }
}
