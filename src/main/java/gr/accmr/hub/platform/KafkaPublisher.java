package gr.accmr.hub.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/**
 * Sends records whose Kafka headers must be exactly as given. Camel rewrites some header names
 * (it turns {@code content-type} into {@code Content-Type}), which breaks the CloudEvents Kafka
 * binding, so notices are published with the Kafka client itself, under the same settings as
 * every other hub producer.
 */
@Component
public class KafkaPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    KafkaPublisher(KafkaBootstrap bootstrap, KafkaEndpoints endpoints) {
        Properties config = new Properties();
        config.putAll(endpoints.producerSettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "hub.publisher");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns once the record is acknowledged by all in-sync replicas; throws if it is not. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(150, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record for " + record.topic(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record for " + record.topic() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + record.topic(), e);
        }
    }

    /**
     * Sends all records without waiting between them, so the client batches them, then returns
     * once every one is acknowledged; throws if any is not (the caller retries the whole batch,
     * whose consumers are idempotent).
     */
    public List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer.send(record));
        }
        List<RecordMetadata> acknowledged = new ArrayList<>(records.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        for (int i = 0; i < sent.size(); i++) {
            String topic = records.get(i).topic();
            try {
                acknowledged.add(sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge a record for " + topic, e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a record for " + topic + " in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing to " + topic, e);
            }
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
