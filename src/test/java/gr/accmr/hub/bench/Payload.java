package gr.accmr.hub.bench;

import java.time.Instant;

/**
 * The notice the load benchmark pushes: about 2 KB of JSON, an English title, summary and body of
 * several paragraphs with a link and a list, so that the normalize stage sanitizes real markup.
 * {@code publishedAt} is the moment the body is made, before its first send: the mobile feed
 * orders by it, and a reader that knows when a notice was sent knows how far down to look for it.
 */
final class Payload {

    private static final String BODY_HTML = "<h2>What changes</h2>"
            + "<p>From Monday the municipal reception point on Piraeus Street opens from 08:00 to 16:00 "
            + "and takes appointments for asylum registration, social security numbers (AMKA) and the "
            + "renewal of residence permits. Bring your identity documents and, where you have them, "
            + "proof of address and the decision of the asylum service.</p>"
            + "<p>Interpreters for Arabic, Farsi, Urdu, French and Ukrainian are present every day; "
            + "for other languages ask at the desk or call the helpline a day before your visit so "
            + "that an interpreter can be booked by telephone.</p>"
            + "<ul><li>Families with children under five are seen first.</li>"
            + "<li>People with disabilities can ask for a home visit.</li>"
            + "<li>The service is free of charge; nobody may ask you for money.</li></ul>"
            + "<p>More about the documents you need, and the addresses of the other reception points "
            + "of the City of Athens, on <a href=\"https://www.cityofathens.gr/accmr/reception\">the "
            + "coordination centre's page</a>. Opening hours on public holidays are announced a week "
            + "ahead on this feed.</p>"
            + "<p>If you cannot come in person, a relative or a lawyer with a signed authorisation "
            + "can make the appointment for you. Appointments that are not kept are released after "
            + "fifteen minutes and can be booked again on the same day if places are left.</p>"
            + "<p>Questions about this notice are answered by the helpline from Monday to Friday, and by "
            + "the partner organisations' field teams in the accommodation sites. Please do not send "
            + "personal documents by e-mail; bring them with you on the day of your appointment.</p>";

    private Payload() {}

    static String body(String externalId, int sequence, boolean urgent) {
        return """
                {"externalId": "%s", "kind": "notice", "urgency": "%s", "publishedAt": "%s",
                 "categories": ["reception", "documents"],
                 "translations": {"en": {
                   "title": "Reception point opening hours and appointments, notice %d",
                   "summary": "New opening hours at the Piraeus Street reception point, with interpreters every day.",
                   "bodyHtml": "%s"}}}
                """.formatted(
                externalId, urgent ? "urgent" : "normal", Instant.now(), sequence, BODY_HTML.replace("\"", "\\\""));
    }
}
