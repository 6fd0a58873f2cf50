package gr.accmr.hub.ingest.feed;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs what real feeds get wrong before the XML parser sees them, the way a lenient feed reader
 * would, and says what it repaired: a wrong encoding declaration, stray control characters, bare
 * ampersands, and the harmless DOCTYPE of old RSS 0.91 (a reference to a DTD with no internal
 * subset: it is dropped, never fetched). A DOCTYPE with an internal subset is left alone, so the
 * hardened parser refuses it: that is where entity definitions, and their attacks, live.
 */
final class LenientXml {

    /** The text to parse, and what was repaired to get it. */
    record Repaired(String text, List<String> warnings) {}

    private static final Pattern HARMLESS_DOCTYPE = Pattern.compile(
            "<!DOCTYPE\\s+[\\w:.-]+(\\s+(PUBLIC\\s+(\"[^\"]*\"|'[^']*')\\s+(\"[^\"]*\"|'[^']*')|SYSTEM\\s+(\"[^\"]*\"|'[^']*')))?\\s*>");
    private static final Pattern BARE_AMPERSAND =
            Pattern.compile("&(?!(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");

    private LenientXml() {}

    static Repaired repair(byte[] bytes) throws IOException {
        List<String> warnings = new ArrayList<>();
        String text = decode(bytes, warnings);
        Matcher control = CONTROL.matcher(text);
        if (control.find()) {
            text = control.replaceAll("");
            warnings.add("removed control characters that XML does not allow");
        }
        Matcher doctype = HARMLESS_DOCTYPE.matcher(text);
        if (doctype.find()) {
            text = doctype.replaceFirst("");
            warnings.add("ignored a DOCTYPE declaration (its DTD is never fetched)");
        }
        Matcher ampersand = BARE_AMPERSAND.matcher(text);
        if (ampersand.find()) {
            text = ampersand.replaceAll("&amp;");
            warnings.add("escaped bare '&' characters");
        }
        return new Repaired(text, warnings);
    }

    /**
     * Decodes as the BOM, the XML declaration or the HTTP-less defaults say (Rome's XmlReader rules,
     * UTF-16 and UTF-32 included); when the bytes are not valid in that encoding and it was UTF-8,
     * they are read as windows-1252, the usual culprit.
     */
    private static String decode(byte[] bytes, List<String> warnings) throws IOException {
        String encoding;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), true, "UTF-8")) {
            encoding = reader.getEncoding();
        }
        Charset charset = Charset.forName(encoding);
        int bom = bomLength(bytes, charset);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom))
                    .toString();
        } catch (CharacterCodingException e) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new IOException("bytes are not valid " + encoding, e);
            }
            warnings.add("content is not valid UTF-8 as declared; read as windows-1252");
            return new String(bytes, bom, bytes.length - bom, Charset.forName("windows-1252"));
        }
    }

    private static int bomLength(byte[] bytes, Charset charset) {
        String name = charset.name();
        if (name.startsWith("UTF-32")
                && bytes.length >= 4
                && ((bytes[0] == 0 && bytes[1] == 0 && (bytes[2] & 0xff) == 0xfe && (bytes[3] & 0xff) == 0xff)
                        || ((bytes[0] & 0xff) == 0xff
                                && (bytes[1] & 0xff) == 0xfe
                                && bytes[2] == 0
                                && bytes[3] == 0))) {
            return 4;
        }
        if (name.startsWith("UTF-16")
                && bytes.length >= 2
                && (((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)
                        || ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe))) {
            return 2;
        }
        if (name.equals("UTF-8")
                && bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            return 3;
        }
        return 0;
    }
}
