package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QwenSearchOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"turbo", "max", "agent", "agent_max"})
    void should_accept_the_documented_search_strategies(String strategy) {
        assertThat(QwenSearchOptions.builder().searchStrategy(strategy).build().searchStrategy())
                .isEqualTo(strategy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MAX", "fast", "agent-max", " turbo"})
    void should_refuse_other_search_strategies(String strategy) {
        assertThatThrownBy(() ->
                        QwenSearchOptions.builder().searchStrategy(strategy).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("turbo, max, agent, agent_max")
                .hasMessageContaining("'" + strategy + "'");
    }

    @Test
    void should_refuse_a_freshness_that_is_not_positive() {
        assertThatThrownBy(() -> QwenSearchOptions.builder().freshness(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("freshness");
        assertThat(QwenSearchOptions.builder().freshness(7).build().freshness()).isEqualTo(7);
    }

    @Test
    void should_leave_every_field_unset_by_default() {
        QwenSearchOptions options = QwenSearchOptions.builder().build();
        assertThat(options.forcedSearch()).isNull();
        assertThat(options.searchStrategy()).isNull();
        assertThat(options.enableSearchExtension()).isNull();
        assertThat(options.freshness()).isNull();
        assertThat(options.assignedSiteList()).isNull();
    }

    @Test
    void should_copy_the_site_list() {
        List<String> sites = new ArrayList<>(List.of("baidu.com"));
        QwenSearchOptions options =
                QwenSearchOptions.builder().assignedSiteList(sites).build();
        sites.add("sina.cn");
        assertThat(options.assignedSiteList()).containsExactly("baidu.com");
    }

    @Test
    void should_have_value_semantics() {
        QwenSearchOptions a = QwenSearchOptions.builder()
                .forcedSearch(true)
                .searchStrategy("max")
                .freshness(30)
                .enableSearchExtension(true)
                .assignedSiteList(List.of("x.com"))
                .build();
        QwenSearchOptions b = QwenSearchOptions.builder()
                .forcedSearch(true)
                .searchStrategy("max")
                .freshness(30)
                .enableSearchExtension(true)
                .assignedSiteList(List.of("x.com"))
                .build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a)
                .isNotEqualTo(QwenSearchOptions.builder().searchStrategy("max").build());
        assertThat(a.toString())
                .contains(
                        "forcedSearch=true",
                        "searchStrategy=max",
                        "freshness=30",
                        "enableSearchExtension=true",
                        "assignedSiteList=[x.com]");
    }
}
