package dev.crema.actor.supervision;

/**
 * The one instance behind {@link Ticker#system()}, so the runtime can tell "the system's clock" from a
 * ticker of the user's own. Immutable and thread-safe.
 */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
