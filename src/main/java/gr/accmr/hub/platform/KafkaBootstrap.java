package gr.accmr.hub.platform;

/** Where the hub's Kafka cluster is, and whether the hub runs it in-process. */
public record KafkaBootstrap(String servers, boolean embedded) {}
