/**
 * Crema over RabbitMQ: {@code dev.crema.amqp} is the API; {@code dev.crema.amqp.internal} is the
 * binding and is not exported. Jackson is needed only by {@link dev.crema.amqp.JsonCodec}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // the RabbitMQ client has no module-info
module dev.crema.amqp {
    requires transitive dev.crema.actor;
    // transitive: AmqpSettings.newConnectionFactory() returns the client's ConnectionFactory
    requires transitive com.rabbitmq.client;
    requires org.slf4j;
    requires static com.fasterxml.jackson.databind;
    requires static com.fasterxml.jackson.annotation;

    exports dev.crema.amqp;
}
