package gr.accmr.hub.platform.web;

import gr.accmr.hub.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything reads it: a declared {@code Content-Length} over the
 * limit is answered 413 at once, unread, and a body without one (chunked) is counted as it is read
 * and cut off at the first byte over the limit. Tomcat's {@code maxPostSize} covers only form posts,
 * not bodies read from {@code getInputStream()}, which is how every hub API reads them.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long maxBody;
    private final Map<String, Long> limitsByPattern;

    /** {@code limitsByPattern}: path patterns with their own limit, the first match winning; {@code maxBody} for the rest. */
    BodyLimitFilter(long maxBody, Map<String, Long> limitsByPattern) {
        this.maxBody = maxBody;
        this.limitsByPattern = new LinkedHashMap<>(limitsByPattern);
    }

    long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (Map.Entry<String, Long> limit : limitsByPattern.entrySet()) {
            if (PATHS.match(limit.getKey(), path)) {
                return limit.getValue();
            }
        }
        return maxBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limit);
        try {
            chain.doFilter(bounded, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!bounded.exceeded() || response.isCommitted()) {
                throw e;
            }
        }
        // Whatever a reader made of the cut-off body (a 400, an unreadable-JSON problem), the caller
        // is told the one true reason, as long as nothing has been sent yet.
        if (bounded.exceeded()
                && !response.isCommitted()
                && response.getStatus() != HttpStatus.CONTENT_TOO_LARGE.value()) {
            response.reset();
            refuse(response, limit);
        }
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        // Closing makes Tomcat drop the connection instead of swallowing the rest of a huge body.
        response.setHeader("Connection", "close");
        Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "Body too large", "at most " + limit + " bytes");
    }

    /** The request with its body counted; reading past the limit fails with {@link TooLarge}. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable BoundedBody body;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        boolean exceeded() {
            return body != null && body.exceeded();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new BoundedBody(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    getInputStream(),
                    encoding == null
                            ? java.nio.charset.StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(encoding)));
        }
    }

    private static final class BoundedBody extends ServletInputStream {

        private final ServletInputStream raw;
        private final BoundedInputStream counted;
        private final long limit;
        private boolean exceeded;

        BoundedBody(ServletInputStream raw, long limit) throws IOException {
            this.raw = raw;
            this.limit = limit;
            // One byte past the limit may be read; asking for the next one shows the body is too large.
            this.counted = BoundedInputStream.builder()
                    .setInputStream(raw)
                    .setMaxCount(limit + 1)
                    .setOnMaxCount((max, count) -> {
                        exceeded = true;
                        throw new TooLarge(limit);
                    })
                    .get();
        }

        /** Whether a byte past the limit was read, even by a reader that stopped right there. */
        boolean exceeded() {
            return exceeded || counted.getCount() > limit;
        }

        @Override
        public int read() throws IOException {
            return counted.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return exceeded() || raw.isFinished();
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            raw.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            counted.close();
        }
    }

    /**
     * Thrown to whoever reads past the limit. Unchecked, and a problem Spring MVC renders as 413: a
     * reader that turns I/O errors into a 400 of its own does not catch it, so the caller learns
     * the real reason.
     */
    static final class TooLarge extends ErrorResponseException {
        TooLarge(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
        }

        private static ProblemDetail problem(long limit) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "at most " + limit + " bytes");
            problem.setTitle("Body too large");
            return problem;
        }
    }
}
