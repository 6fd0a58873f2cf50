package gr.accmr.hub.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
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
    private final KafkaBootstrap bootstrap;
    private final KafkaEndpoints endpoints;

    KafkaPublisher(KafkaBootstrap bootstrap, KafkaEndpoints endpoints) {
        this.bootstrap = bootstrap;
        this.endpoints = endpoints;
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

    /**
     * A producer of its own, under the same reliability settings, for a caller that answers someone
     * waiting (the push API): its times are bounded so Kafka being away shows within seconds. The
     * caller closes it.
     */
    public BoundedProducer bounded(String clientId, Duration maxBlock, Duration deliveryTimeout) {
        return new BoundedProducer(
                bootstrap.servers(), endpoints.producerSettings(), clientId, maxBlock, deliveryTimeout);
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * A producer whose {@code send} blocks at most {@code maxBlock} (waiting for metadata or buffer
     * space) and reports every record's outcome at most {@code deliveryTimeout} after it returned.
     * A record reported as failed by a timeout may still have been written (the broker's answer can
     * be lost), so callers treat a failure as "not known to be written", never as "not written".
     */
    public static final class BoundedProducer implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final Duration closeTimeout;

        public BoundedProducer(
                String servers,
                Map<String, String> settings,
                String clientId,
                Duration maxBlock,
                Duration deliveryTimeout) {
            Properties config = new Properties();
            config.putAll(settings);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryTimeout.toMillis()));
            // The client requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
            long linger = Long.parseLong(settings.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, "0"));
            long request = Long.parseLong(settings.getOrDefault(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000"));
            config.put(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    String.valueOf(Math.min(request, deliveryTimeout.toMillis() - linger)));
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            this.closeTimeout = maxBlock.plus(deliveryTimeout);
        }

        /**
         * Hands the record to the producer (blocking at most {@code maxBlock}) and returns its
         * outcome, completed on the producer's I/O thread: dependents must not block there.
         */
        public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            CompletableFuture<RecordMetadata> outcome = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        outcome.completeExceptionally(error);
                    } else {
                        outcome.complete(metadata);
                    }
                });
            } catch (RuntimeException e) {
                // No metadata or buffer space within maxBlock, or a record the client refuses.
                outcome.completeExceptionally(e);
            }
            return outcome;
        }

        /** Waits for records in flight to be reported, at most as long as one could take. */
        @Override
        public void close() {
            producer.close(closeTimeout);
        }
    }
}
