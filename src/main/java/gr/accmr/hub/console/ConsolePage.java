package gr.accmr.hub.console;

/** Marks the controllers of pages (not of the API), which {@link PageModel} gives their common model. */
interface ConsolePage {}
