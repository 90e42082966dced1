package io.github.qwenlangchain4j.internal.catalog;

import dev.langchain4j.model.catalog.ModelDescription;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every page of {@code GET /api/v1/models}: {@code page_no} from 1 with a fixed {@code page_size}, until the
 * models read reach {@code output.total} or a page comes back empty, as the "List models" page says to ("increment
 * page_no until you have the number of models output.total gives"). A model listed twice (the list changing between
 * two pages) is kept once, at its first place. A refusal in a 200 body ({@code "success": false}) is mapped like an
 * HTTP error.
 */
public final class ModelPages {

    /** The path under the native base URL. */
    public static final String PATH = "/models";

    /** Far more than Model Studio lists (about 200 models in 2026), so that a server that never ends is caught. */
    static final int MAX_PAGES = 1_000;

    private ModelPages() {}

    /**
     * Every model the query matches.
     *
     * @param client   a client of the native API ({@code https://<host>/api/v1})
     * @param filters  query parameters sent with every page (a name may hold several values), without paging
     * @param pageSize the models asked for per page
     * @return the models, in Qwen's order
     */
    public static List<ModelDescription> readAll(QwenClient client, Map<String, List<String>> filters, int pageSize) {
        Map<String, ModelDescription> byName = new LinkedHashMap<>();
        long read = 0;
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw ErrorMapper.malformed(
                        "the model list did not end after " + MAX_PAGES + " pages of " + pageSize, null, null);
            }
            Map<String, List<String>> query = new LinkedHashMap<>(filters);
            query.put("page_no", List.of(String.valueOf(page)));
            query.put("page_size", List.of(String.valueOf(pageSize)));
            QwenClient.Result<ModelList> result = client.getRepeated(PATH, query, ModelList.class);
            ModelList.Output output = outputOf(client, result);
            List<ModelList.Model> models = output.models() == null ? List.of() : output.models();
            for (ModelList.Model model : models) {
                if (model == null || model.model() == null || model.model().isBlank()) {
                    throw ErrorMapper.malformed("a listed model has no id (\"model\")", result.requestId(), null);
                }
                byName.putIfAbsent(model.model(), ModelDescriptions.of(model));
            }
            read += models.size();
            if (models.isEmpty() || (output.total() == null ? models.size() < pageSize : read >= output.total())) {
                return List.copyOf(byName.values());
            }
        }
    }

    private static ModelList.Output outputOf(QwenClient client, QwenClient.Result<ModelList> result) {
        ModelList body = result.body();
        String requestId = result.requestId() != null ? result.requestId() : body.requestId();
        if (Boolean.FALSE.equals(body.success())) {
            throw client.streamError(
                    new ErrorBody.Error(body.message(), null, null, body.code(), null, body.requestId()), requestId);
        }
        if (body.output() == null) {
            throw ErrorMapper.malformed("the model list has no \"output\"", requestId, null);
        }
        return body.output();
    }
}
