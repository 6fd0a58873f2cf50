package gr.accmr.hub.faults;

import gr.accmr.hub.fanout.website.WordPressTestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The website channel as its readers see it, whichever adapter the hub publishes with: for each
 * check, how many copies of each expected notice it shows (a notice shown once counts as delivered,
 * twice as a duplicate).
 */
sealed interface Website {

    /** Check name to notice id to the copies seen, each a version 1; absent ids are missing. */
    Map<String, Map<String, List<Integer>>> read(Collection<Channels.Expected> expected) throws IOException;

    /** The static site of every hub that renders one: English page files and sitemap entries. */
    static Website staticSite(Collection<Path> siteDirs) {
        return new StaticSite(List.copyOf(siteDirs));
    }

    /** A real WordPress: the posts with each notice's English slug, in any status. */
    static Website wordPress(WordPressTestSite site) {
        return new WordPress(site);
    }

    record StaticSite(List<Path> siteDirs) implements Website {

        private static final Pattern SITEMAP_LOC = Pattern.compile("<loc>([^<]+)</loc>");

        @Override
        public Map<String, Map<String, List<Integer>>> read(Collection<Channels.Expected> expected) throws IOException {
            Map<String, Integer> sitemaps = sitemapEntries();
            Map<String, List<Integer>> pages = new HashMap<>();
            Map<String, List<Integer>> listed = new HashMap<>();
            for (Channels.Expected notice : expected) {
                if (siteDirs.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(notice.pagePath())))) {
                    pages.put(notice.noticeId(), List.of(1));
                }
                if (sitemaps.containsKey(notice.pagePath())) {
                    listed.put(notice.noticeId(), Collections.nCopies(sitemaps.get(notice.pagePath()), 1));
                }
            }
            Map<String, Map<String, List<Integer>>> checks = new LinkedHashMap<>();
            checks.put("website pages", pages);
            checks.put("website sitemaps", listed);
            return checks;
        }

        /** How many times each English page is listed across the sitemaps of every site folder. */
        private Map<String, Integer> sitemapEntries() throws IOException {
            Map<String, Integer> entries = new HashMap<>();
            for (Path dir : siteDirs.stream().distinct().toList()) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path sitemap : files.filter(
                                    file -> file.getFileName().toString().matches("sitemap-en-\\d+\\.xml"))
                            .toList()) {
                        Matcher loc = SITEMAP_LOC.matcher(Files.readString(sitemap, StandardCharsets.UTF_8));
                        while (loc.find()) {
                            String url = loc.group(1);
                            int site = url.indexOf("/site/");
                            entries.merge(url.substring(site + "/site/".length()), 1, Integer::sum);
                        }
                    }
                }
            }
            return entries;
        }
    }

    record WordPress(WordPressTestSite site) implements Website {

        @Override
        public Map<String, Map<String, List<Integer>>> read(Collection<Channels.Expected> expected) {
            Map<String, Integer> posts = site.postsPerNotice(
                    expected.stream().map(Channels.Expected::noticeId).toList(), "en");
            Map<String, List<Integer>> seen = new HashMap<>();
            posts.forEach((id, count) -> seen.put(id, Collections.nCopies(count, 1)));
            return Map.of("wordpress posts", seen);
        }
    }
}
