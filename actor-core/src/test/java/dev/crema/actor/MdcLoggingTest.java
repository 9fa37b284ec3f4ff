package dev.crema.actor;

import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * Spec point 11: logging through SLF4J with the actor path in the MDC while a handler runs.
 *
 * <p>The test binding is logback, whose MDC adapter is real. Should a no-op adapter ever be bound, {@code MDC.get} answers
 * {@code null} there. The path check therefore runs only with a real adapter (it is reported as skipped
 * otherwise); what runs everywhere is that handlers work with the MDC switched on and off.
 */
class MdcLoggingTest {

    private static boolean realMdc() {
        return !(MDC.getMDCAdapter() instanceof NOPMDCAdapter);
    }

    @Test
    void mdcKey_isDocumented_andOnByDefault() {
        assertThat(SystemConfig.MDC_KEY).isEqualTo("actor");
        assertThat(SystemConfig.defaults().mdc()).isTrue();
        assertThat(SystemConfig.defaults().withMdc(false).mdc()).isFalse();
    }

    @Test
    void handlersRun_withTheMdcOnOrOff_whateverTheAdapter() throws Exception {
        for (boolean on : new boolean[] {true, false}) {
            try (ActorSystem system = TestSupport.newSystem("mdc", SystemConfig.defaults().withMdc(on))) {
                CompletableFuture<Optional<String>> seen = new CompletableFuture<>();
                system.spawn("logger", ctx -> msg -> seen.complete(Optional.ofNullable(MDC.get(SystemConfig.MDC_KEY))))
                        .tell("hello");
                Optional<String> value = get(seen);
                if (!realMdc() || !on) {
                    assertThat(value).isEmpty();
                }
            }
        }
    }

    @Test
    void mdc_holdsTheActorPath_whileItsHandlersRun_andIsClearedAfterwards() throws Exception {
        Assumptions.assumeTrue(realMdc(), "slf4j-simple binds a no-op MDC adapter ("
                + MDC.getMDCAdapter().getClass().getName() + "); this check needs a real adapter (e.g. logback)");
        ExecutorService one = Executors.newSingleThreadExecutor();
        try (ActorSystem system = TestSupport.newSystem("mdc")) {
            CompletableFuture<String> inFactory = new CompletableFuture<>();
            CompletableFuture<String> inReceive = new CompletableFuture<>();
            Addr<String> a = system.spawn("logger", ctx -> {
                inFactory.complete(MDC.get(SystemConfig.MDC_KEY));
                return msg -> inReceive.complete(MDC.get(SystemConfig.MDC_KEY));
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.of("one", one)));
            a.tell("hello");
            assertThat(get(inFactory)).isEqualTo(a.path());
            assertThat(get(inReceive)).isEqualTo(a.path());
            // the same thread, after the actor's turn: the key is gone
            CompletableFuture<String> after = CompletableFuture.supplyAsync(() -> MDC.get(SystemConfig.MDC_KEY), one);
            assertThat(get(after)).isNull();
        } finally {
            one.shutdownNow();
        }
    }
}
