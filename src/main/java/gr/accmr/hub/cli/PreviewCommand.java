package gr.accmr.hub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.ingest.RawSources;
import gr.accmr.hub.normalize.Normalization;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code preview <file-or-url>... [--type T] [--partner ID] [--language TAG] [--allow-private-network]}:
 * prints the notices the hub would make of each input as JSON, one object per line, each naming
 * its input. Nothing else starts: no Kafka, no database, no web server. A bad input costs one line
 * on stderr and a non-zero exit at the end; the other inputs are still processed.
 */
public final class PreviewCommand {

    static final String USAGE =
            "usage: preview <file-or-url>... [--type rss|atom|json-feed|zendesk|directus|push|email]"
                    + " [--partner ID] [--language TAG] [--allow-private-network]";

    private final PrintStream out;
    private final PrintStream err;

    PreviewCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code (0 all good, 1 some input failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new PreviewCommand(out, err).execute(args);
    }

    private record Options(
            List<String> inputs,
            RawSources.@Nullable Type type,
            String partner,
            String language,
            boolean allowPrivate) {}

    int execute(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("preview: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        RawSources sources = new RawSources();
        Normalization normalization = new Normalization();
        int failures = 0;
        try (OutboundHttp http = OutboundHttp.standalone()) {
            for (String input : options.inputs()) {
                try {
                    byte[] bytes = read(input, http, options.allowPrivate());
                    String sourceUrl = input.startsWith("http://") || input.startsWith("https://") ? input : null;
                    for (RawDelivery delivery :
                            sources.read(bytes, options.type(), options.partner(), options.language(), sourceUrl)) {
                        Optional<Notice> notice = normalization.normalize(
                                delivery.key(),
                                delivery.contentType(),
                                delivery.body(),
                                delivery.sourceUrl(),
                                delivery.declaredLanguage(),
                                delivery.defaultLanguage(),
                                delivery.defaultKind());
                        notice.ifPresent(value -> print(input, value));
                    }
                } catch (IOException | RuntimeException e) {
                    failures++;
                    err.println("preview: " + input + ": " + oneLine(e));
                }
            }
        } catch (IOException closing) {
            // Nothing was left to send; a failure to close the client changes no result.
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private void print(String input, Notice notice) {
        ObjectNode line = NoticeJson.mapper().createObjectNode();
        line.put("input", input);
        line.set("notice", NoticeJson.mapper().valueToTree(notice));
        out.println(line);
    }

    private static byte[] read(String input, OutboundHttp http, boolean allowPrivate) throws IOException {
        if (input.startsWith("http://") || input.startsWith("https://")) {
            OutboundHttp.Response response = http.get(URI.create(input), Map.of(), allowPrivate);
            if (response.status() < 200 || response.status() > 299) {
                throw new IOException("HTTP " + response.status());
            }
            return response.body();
        }
        Path file = Path.of(input);
        if (Files.size(file) > http.limits().maxBytes()) {
            throw new IOException("larger than " + http.limits().maxBytes() + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static Options parse(String[] args) {
        List<String> inputs = new ArrayList<>();
        RawSources.Type type = null;
        String partner = "preview";
        String language = "en";
        boolean allowPrivate = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--type" -> type = RawSources.Type.of(value(args, ++i, arg));
                case "--partner" -> partner = value(args, ++i, arg);
                case "--language" -> language = Languages.normalize(value(args, ++i, arg));
                case "--allow-private-network" -> allowPrivate = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    inputs.add(arg);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input given");
        }
        if (!NoticeId.isValidPartner(partner)) {
            throw new IllegalArgumentException("partner id must be lower-case letters, digits and '-': " + partner);
        }
        return new Options(inputs, type, partner, language, allowPrivate);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
