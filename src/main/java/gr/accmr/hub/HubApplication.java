package gr.accmr.hub;

import gr.accmr.hub.cli.PreviewCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Partner Hub: partner information in, one multilingual notice model on Kafka, every channel out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("preview")) {
            // A tool, not the hub: no Spring, no Kafka, no database, no web server.
            System.exit(PreviewCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
