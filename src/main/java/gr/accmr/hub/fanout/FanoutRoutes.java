package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.ErrorPolicies;
import gr.accmr.hub.platform.KafkaEndpoints;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** {@code hub.notices} → each channel, in its own consumer group, committing after the sink succeeded. */
@Component
class FanoutRoutes extends RouteBuilder {

    private final KafkaEndpoints kafka;
    private final List<NoticeSink> sinks;

    FanoutRoutes(KafkaEndpoints kafka, List<NoticeSink> sinks) {
        this.kafka = kafka;
        this.sinks = sinks;
    }

    @Override
    public void configure() {
        for (NoticeSink sink : sinks) {
            from(kafka.consume(kafka.noticesTopic(), "hub.fanout." + sink.name()))
                    .routeId("fanout." + sink.name())
                    .routeConfigurationId(ErrorPolicies.DEAD_LETTER)
                    .process(exchange ->
                            sink.accept(NoticeJson.read(exchange.getMessage().getBody(byte[].class))))
                    .process(KafkaEndpoints::commit);
        }
    }
}
