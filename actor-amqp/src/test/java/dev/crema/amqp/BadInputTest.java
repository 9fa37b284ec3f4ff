package dev.crema.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input fails fast with a message that names the problem; credentials never show. */
class BadInputTest {

    record Holder(Object anything) {
    }

    static final class Plain {
    }

    record WithPlain(Plain p) {
    }

    record RawAddr(@SuppressWarnings("rawtypes") Addr a) {
    }

    @Test
    void badUris_areRejected_withoutShowingTheCredentials() {
        assertThatThrownBy(() -> AmqpSettings.fromUri(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AmqpSettings.fromUri("http://u:secret@host/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amqp://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AmqpSettings.fromUri("amqp://u:secret@/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AmqpSettings.fromUri("amqp://u:secret@ho st:5672/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void settings_neverShowCredentials() {
        AmqpSettings s = AmqpSettings.fromUri("amqp://alice:s3cr3t@broker.example:5673/prod");
        assertThat(s.toString()).doesNotContain("s3cr3t").doesNotContain("alice").contains("broker.example:5673/prod/");
        assertThat(s.brokerAddress()).isEqualTo("amqp://broker.example:5673/prod/");
        assertThat(AmqpSettings.fromUri("amqp://h").virtualHost()).isEqualTo("/");
        assertThat(AmqpSettings.fromUri("amqps://h").tls()).isTrue();
    }

    @Test
    void settings_outOfRange_nameTheSetting() {
        AmqpSettings s = AmqpSettings.fromUri(AmqpSettings.DEFAULT_URI);
        assertThatThrownBy(() -> s.withPublishWindow(0)).hasMessageContaining("publish window");
        assertThatThrownBy(() -> s.withPublishTimeout(Duration.ZERO)).hasMessageContaining("publish timeout");
        assertThatThrownBy(() -> s.withReconnectInterval(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ExposeOptions.defaults().withPrefetch(0)).hasMessageContaining("prefetch");
        assertThatThrownBy(() -> s.withCredentials("u", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void jsonCodec_refusesTypesOutsideTheAllowList() {
        assertThatThrownBy(() -> JsonCodec.of(Object.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> JsonCodec.of(Holder.class)).hasMessageContaining("Holder.anything");
        assertThatThrownBy(() -> JsonCodec.of(WithPlain.class)).hasMessageContaining("Plain");
        assertThatThrownBy(() -> JsonCodec.of(RawAddr.class)).hasMessageContaining("Addr<T>");
        assertThatThrownBy(() -> JsonCodec.of(Addr.class)).hasMessageContaining("whole message");
        assertThatThrownBy(() -> JsonCodec.of(null)).isInstanceOf(NullPointerException.class);
        assertThat(JsonCodec.of(Protocol.class)).isSameAs(JsonCodec.of(Protocol.class));
    }

    @Test
    void nodeArguments_areChecked_beforeAnyConnection() throws Exception {
        try (Broker broker = Broker.require(); ActorSystem system = ActorSystem.create("bad")) {
            assertThatThrownBy(() -> AmqpNode.connect(system, "no spaces", broker.settings))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node name");
            assertThatThrownBy(() -> AmqpNode.connect(null, "n", broker.settings)).isInstanceOf(NullPointerException.class);
            try (AmqpNode node = AmqpNode.connect(system, "bad", broker.settings)) {
                Codec<Protocol> codec = JsonCodec.of(Protocol.class);
                assertThatThrownBy(() -> node.remote("has space", codec)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("' ' at index 3");
                assertThatThrownBy(() -> node.remote("amq.gen-1", codec)).hasMessageContaining("reserves");
                assertThatThrownBy(() -> node.remote("", codec)).hasMessageContaining("empty");
                assertThatThrownBy(() -> node.remote("x".repeat(256), codec)).hasMessageContaining("at most 255");
                assertThatThrownBy(() -> node.remote(null, codec)).isInstanceOf(NullPointerException.class);
                Addr<Protocol> addr = node.remote(broker.queue("bad"), codec);
                assertThatThrownBy(() -> addr.tell(null)).isInstanceOf(NullPointerException.class);
                assertThatThrownBy(() -> addr.send(new Protocol.Add(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> addr.ask(r -> null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
                assertThatThrownBy(() -> node.expose("q", null, codec)).isInstanceOf(NullPointerException.class);
                assertThatThrownBy(() -> node.addresses().resolve("q#zz", codec)).hasMessageContaining("export id");
            }
        }
        assertThatThrownBy(() -> AmqpNode.connect(ActorSystem.create("x"), "x",
                AmqpSettings.fromUri("amqp://guest:guest@127.0.0.1:1/").withConnectTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(java.io.IOException.class);
    }
}
