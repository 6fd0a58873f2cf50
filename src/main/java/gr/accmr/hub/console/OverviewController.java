package gr.accmr.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: is everything flowing, and if not, where. */
@Controller
class OverviewController implements ConsolePage {

    @GetMapping("/console")
    String overview() {
        return "console/overview";
    }
}
