package gr.accmr.hub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(
            1000, java.util.Map.of("/api/v1/webhooks/**", 100L, "/api/v1/partners/*/notice-batches", 8000L));

    @Test
    void givesEachPathPatternItsOwnLimitAndEveryOtherPathTheDefault() {
        assertThat(filter.limitFor(post("/api/v1/webhooks/zendesk/x", new byte[0])))
                .isEqualTo(100);
        assertThat(filter.limitFor(post("/api/v1/partners/irc/notice-batches", new byte[0])))
                .isEqualTo(8000);
        assertThat(filter.limitFor(post("/api/v1/partners/irc/notices", new byte[0])))
                .isEqualTo(1000);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutCallingTheChain() throws Exception {
        MockHttpServletRequest request = post("/api/v1/partners/irc/notices", new byte[0]);
        request.addHeader("Content-Length", "1073741824");
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(withLength(request, 1L << 30), response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"title\":\"Body too large\"");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void cutsOffAStreamedBodyAtTheFirstByteOverTheLimit() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        long[] read = new long[1];

        filter.doFilter(
                withLength(post("/api/v1/partners/irc/notices", new byte[5000]), -1), response, (request, ignored) -> {
                    InputStream in = request.getInputStream();
                    assertThatThrownBy(() -> {
                                while (in.read() >= 0) {
                                    read[0]++;
                                }
                            })
                            .isInstanceOf(BodyLimitFilter.TooLarge.class);
                });

        assertThat(read[0]).isEqualTo(1001);
        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void answers413EvenWhenTheReaderTurnedTheFailureIntoAnotherProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(
                withLength(post("/api/v1/webhooks/zendesk/x", new byte[500]), -1), response, (request, answer) -> {
                    try {
                        request.getInputStream().readAllBytes();
                    } catch (RuntimeException | IOException e) {
                        ((MockHttpServletResponse) answer).setStatus(400);
                    }
                });

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("at most 100 bytes");
    }

    @Test
    void passesABodyOfExactlyTheLimit() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        int[] length = new int[1];

        filter.doFilter(
                withLength(post("/api/v1/partners/irc/notices", new byte[1000]), -1),
                response,
                (request, ignored) -> length[0] = request.getInputStream().readAllBytes().length);

        assertThat(length[0]).isEqualTo(1000);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletRequest post(String path, byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(body);
        return request;
    }

    /** The request as the container shows it: a declared length, or -1 for a chunked body. */
    private static HttpServletRequest withLength(MockHttpServletRequest request, long length) {
        return new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public long getContentLengthLong() {
                return length;
            }

            @Override
            public int getContentLength() {
                return (int) Math.min(Integer.MAX_VALUE, length);
            }
        };
    }
}
