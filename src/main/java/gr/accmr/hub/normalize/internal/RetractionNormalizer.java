package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.RawHeaders;

/** A partner withdrew a notice: the record's key names it, the body repeats the external id. */
final class RetractionNormalizer implements SourceNormalizer {

    @Override
    public String contentType() {
        return RawHeaders.RETRACTION;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        return new Outcome.Retraction(raw.id());
    }
}
