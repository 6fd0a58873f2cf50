package gr.accmr.hub.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;
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
}
