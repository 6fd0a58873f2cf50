package gr.accmr.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's first page: is everything flowing, and if not, where. Its figures are a fragment
 * the page fetches again every few seconds (htmx), so it stays current without a reload.
 */
@Controller
class OverviewController implements ConsolePage {

    private final OverviewReader overview;
    private final Throughput throughput;

    OverviewController(OverviewReader overview, Throughput throughput) {
        this.overview = overview;
        this.throughput = throughput;
    }

    @GetMapping("/console")
    String page(Model model) {
        figures(model);
        return "console/overview";
    }

    @GetMapping("/console/overview/figures")
    String figures(Model model) {
        model.addAttribute("overview", overview.read());
        model.addAttribute("throughput", throughput.chart());
        return "console/overview :: figures";
    }
}
