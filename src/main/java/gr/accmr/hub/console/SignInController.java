package gr.accmr.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The sign-in form of the console; Spring Security checks what it posts. */
@Controller
class SignInController implements ConsolePage {

    @GetMapping("/login")
    String form() {
        return "console/login";
    }

    /** A sign-in refused for too many failures (the security filter forwards it here, status 429 set). */
    @RequestMapping(
            path = "/login/refused",
            method = {RequestMethod.GET, RequestMethod.POST})
    String refused(HttpServletResponse response, Model model) {
        String wait = response.getHeader(HttpHeaders.RETRY_AFTER);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("retryAfter", wait == null ? "60" : wait);
        return "console/login";
    }
}
