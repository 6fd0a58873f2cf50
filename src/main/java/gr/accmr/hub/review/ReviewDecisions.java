package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.Audit;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * An editor's decision as the admin API and the console both take it: through {@link Editing}, by
 * the signed-in user, and audited here whether it was taken or refused, so neither caller can
 * forget it. A refusal is rethrown for the caller to answer in its own way.
 */
@Component
public class ReviewDecisions {

    private final Editing editing;
    private final Audit audit;

    ReviewDecisions(Editing editing, Audit audit) {
        this.editing = editing;
        this.audit = audit;
    }

    /** Approves the version, as edited; returns the notice as the channels show it. */
    public Notice approve(HttpServletRequest request, String id, int version, Map<String, Editing.Edit> edits) {
        return decide(
                request, "review.approve", id, version, () -> editing.approve(id, version, editor(request), edits));
    }

    public void reject(HttpServletRequest request, String id, int version, String reason) {
        decide(request, "review.reject", id, version, () -> {
            editing.reject(id, version, editor(request), reason);
            return null;
        });
    }

    private <T> T decide(HttpServletRequest request, String action, String id, int version, Supplier<T> decision) {
        try {
            T result = decision.get();
            audit.record(request, action, "notice:" + id, "done", "version " + version);
            return result;
        } catch (Editing.Refused refused) {
            audit.record(request, action, "notice:" + id, "refused", refused.getMessage());
            throw refused;
        }
    }

    private static String editor(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        return user == null ? "anonymous" : user.getName();
    }
}
