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
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeTypeUtils;

/**
 * Repairs what real feeds get wrong before the XML parser sees them, the way a lenient feed reader
 * would, and says what it repaired: an encoding the HTTP header or a byte order mark overrides, a wrong encoding declaration, stray control characters, bare
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
        return repair(bytes, null);
    }

    /** The same for a feed served with this HTTP {@code Content-Type}, whose charset may say how to decode it. */
    static Repaired repair(byte[] bytes, @Nullable String httpContentType) throws IOException {
        List<String> warnings = new ArrayList<>();
        String text = decode(bytes, httpContentType, warnings);
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
     * Decodes as browsers and RFC 7303 do: a byte order mark first, then the charset of the HTTP
     * {@code Content-Type}, then the XML declaration (Rome's XmlReader rules, UTF-16 and UTF-32
     * included), else UTF-8. A label of ISO-8859-1 or US-ASCII is read as windows-1252, as the
     * WHATWG Encoding Standard says: servers and CMSs label windows-1252 text so, and its curly
     * quotes, dashes and euro sign would otherwise become control characters. When the bytes are
     * not valid UTF-8 as said, they are read as windows-1252, the usual culprit.
     */
    private static String decode(byte[] bytes, @Nullable String httpContentType, List<String> warnings)
            throws IOException {
        Charset bom = bomCharset(bytes);
        Charset http = httpCharset(httpContentType);
        Charset declared = null;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), true, "UTF-8")) {
            declared = Charset.forName(reader.getEncoding());
        } catch (IOException | IllegalArgumentException e) {
            if (bom == null && http == null) {
                throw e;
            } // a declaration that the BOM or the header overrides may be as wrong as it likes
        }
        Charset charset = bom != null ? bom : http != null ? http : declared;
        if (bom == null && http != null && !http.equals(declared)) {
            warnings.add("read as " + http.name() + ", the charset of the HTTP Content-Type, not as the document says ("
                    + (declared == null ? "nothing readable" : declared.name()) + ")");
        }
        if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
            charset = WINDOWS_1252;
        }
        int skip = bom == null ? 0 : bomLength(bom);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
                    .toString();
        } catch (CharacterCodingException e) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new IOException("bytes are not valid " + charset.name(), e);
            }
            warnings.add("content is not valid UTF-8 as declared; read as windows-1252");
            return new String(bytes, skip, bytes.length - skip, WINDOWS_1252);
        }
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The charset parameter of a Content-Type header; none when absent, malformed or unknown. */
    private static @Nullable Charset httpCharset(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MimeTypeUtils.parseMimeType(contentType).getCharset();
        } catch (IllegalArgumentException e) {
            return null; // an unusable header says nothing; the document may still
        }
    }

    /** The Unicode encoding a byte order mark at the start announces, if there is one. */
    private static @Nullable Charset bomCharset(byte[] bytes) {
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            return Charset.forName("UTF-32BE");
        }
        if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return Charset.forName("UTF-32LE");
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        return startsWith(bytes, 0xFF, 0xFE) ? StandardCharsets.UTF_16LE : null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int bomLength(Charset bom) {
        return bom.name().startsWith("UTF-32") ? 4 : bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
    }
}
