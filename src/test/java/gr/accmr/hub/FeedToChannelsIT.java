package gr.accmr.hub;

/** The feed-to-channels scenario on the embedded default: in-process KRaft broker and PostgreSQL. */
class FeedToChannelsIT extends FeedToChannelsScenario {}
