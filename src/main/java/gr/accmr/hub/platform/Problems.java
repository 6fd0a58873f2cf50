package gr.accmr.hub.platform;

import gr.accmr.hub.notice.NoticeJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problem details, the one error shape of every hub API. */
public final class Problems {

    private Problems() {}

    /** An exception Spring MVC renders as {@code application/problem+json}. */
    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        return of(status, title, detail, Map.of());
    }

    /** The same, with extra members such as {@code errors} for field errors. */
    public static ErrorResponseException of(
            HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }

    /**
     * Writes a problem straight to the response, for filters that answer before Spring MVC does
     * (body limits, sign-in throttling).
     */
    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        NoticeJson.mapper().writeValue(response.getOutputStream(), problem);
    }
}
