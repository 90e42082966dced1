package io.github.qwenlangchain4j;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Options of Qwen's web search ({@code search_options}), used when {@code enableSearch} is on. Every field is
 * optional; unset fields are not sent and Qwen's defaults apply.
 */
public final class QwenSearchOptions {

    private static final Set<String> STRATEGIES = Set.of("turbo", "max", "agent", "agent_max");

    private final Boolean forcedSearch;
    private final String searchStrategy;
    private final Boolean enableSearchExtension;
    private final Integer freshness;
    private final List<String> assignedSiteList;

    private QwenSearchOptions(Builder builder) {
        if (builder.searchStrategy != null && !STRATEGIES.contains(builder.searchStrategy)) {
            throw new IllegalArgumentException("searchStrategy must be one of turbo, max, agent, agent_max, but was '"
                    + builder.searchStrategy + "'");
        }
        if (builder.freshness != null && builder.freshness <= 0) {
            throw new IllegalArgumentException(
                    "freshness is a number of days and must be positive, but was " + builder.freshness);
        }
        this.forcedSearch = builder.forcedSearch;
        this.searchStrategy = builder.searchStrategy;
        this.enableSearchExtension = builder.enableSearchExtension;
        this.freshness = builder.freshness;
        this.assignedSiteList = builder.assignedSiteList == null ? null : List.copyOf(builder.assignedSiteList);
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the model must search ({@code forced_search}), instead of deciding by itself.
     *
     * @return whether search is forced, or null when not set (Qwen's default: not forced)
     */
    public Boolean forcedSearch() {
        return forcedSearch;
    }

    /**
     * The search strategy ({@code search_strategy}): {@code turbo} (default, fast), {@code max} (more sources),
     * {@code agent} or {@code agent_max}.
     *
     * @return the strategy, or null when not set
     */
    public String searchStrategy() {
        return searchStrategy;
    }

    /**
     * Whether vertical-domain search extensions may be used ({@code enable_search_extension}).
     *
     * @return whether extensions are enabled, or null when not set
     */
    public Boolean enableSearchExtension() {
        return enableSearchExtension;
    }

    /**
     * Only consider pages from the last this many days ({@code freshness}; Qwen accepts 7, 30, 180, 365).
     *
     * @return the number of days, or null when not set
     */
    public Integer freshness() {
        return freshness;
    }

    /**
     * Restrict the search to these sites ({@code assigned_site_list}).
     *
     * @return an unmodifiable list of sites, or null when not set
     */
    public List<String> assignedSiteList() {
        return assignedSiteList;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenSearchOptions that
                        && Objects.equals(forcedSearch, that.forcedSearch)
                        && Objects.equals(searchStrategy, that.searchStrategy)
                        && Objects.equals(enableSearchExtension, that.enableSearchExtension)
                        && Objects.equals(freshness, that.freshness)
                        && Objects.equals(assignedSiteList, that.assignedSiteList));
    }

    @Override
    public int hashCode() {
        return Objects.hash(forcedSearch, searchStrategy, enableSearchExtension, freshness, assignedSiteList);
    }

    @Override
    public String toString() {
        return "QwenSearchOptions{forcedSearch=" + forcedSearch + ", searchStrategy=" + searchStrategy
                + ", enableSearchExtension=" + enableSearchExtension + ", freshness=" + freshness
                + ", assignedSiteList=" + assignedSiteList + '}';
    }

    /** Builder of {@link QwenSearchOptions}. */
    public static final class Builder {

        private Boolean forcedSearch;
        private String searchStrategy;
        private Boolean enableSearchExtension;
        private Integer freshness;
        private List<String> assignedSiteList;

        /**
         * Whether the model must search ({@code forced_search}), instead of deciding by itself.
         *
         * @param forcedSearch true to force a search, or null for Qwen's default (false)
         * @return this builder
         */
        public Builder forcedSearch(Boolean forcedSearch) {
            this.forcedSearch = forcedSearch;
            return this;
        }

        /**
         * The search strategy ({@code search_strategy}).
         *
         * @param searchStrategy one of {@code turbo} (Qwen's default), {@code max}, {@code agent},
         *        {@code agent_max}; or null for the default
         * @return this builder
         */
        public Builder searchStrategy(String searchStrategy) {
            this.searchStrategy = searchStrategy;
            return this;
        }

        /**
         * Whether vertical-domain search extensions may be used ({@code enable_search_extension}).
         *
         * @param enableSearchExtension true to enable them, or null for Qwen's default (false)
         * @return this builder
         */
        public Builder enableSearchExtension(Boolean enableSearchExtension) {
            this.enableSearchExtension = enableSearchExtension;
            return this;
        }

        /**
         * Only consider pages from the last this many days ({@code freshness}).
         *
         * @param freshness a positive number of days (Qwen accepts 7, 30, 180, 365), or null for no limit
         * @return this builder
         */
        public Builder freshness(Integer freshness) {
            this.freshness = freshness;
            return this;
        }

        /**
         * Restrict the search to these sites ({@code assigned_site_list}).
         *
         * @param assignedSiteList site domains such as {@code baike.baidu.com} (copied), or null for any site
         * @return this builder
         */
        public Builder assignedSiteList(List<String> assignedSiteList) {
            this.assignedSiteList = assignedSiteList;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the strategy is unknown or the freshness is not positive
         */
        public QwenSearchOptions build() {
            return new QwenSearchOptions(this);
        }
    }
}
