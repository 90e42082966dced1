package io.github.qwenlangchain4j.spring;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A listener bean that reports the server of the model it listens to ({@code server.address}, {@code server.port}),
 * which LangChain4j's listener contexts do not say: the factories attach to each model a copy bound to the base URL
 * that model calls, so that a named model with a region of its own reports that region's host. Names no Micrometer
 * type, so that the factories can look for it when Micrometer is absent.
 *
 * @param <L> the listener type
 */
interface ServerAwareListener<L> {

    /**
     * A copy of this listener that reports {@code baseUrl}'s host and port.
     *
     * @param baseUrl the base URL the model calls
     * @return the copy
     */
    L forBaseUrl(String baseUrl);

    /**
     * The listener beans for one model: each {@link ServerAwareListener} bound to {@code baseUrl}, the others as
     * they are, in the beans' order.
     *
     * @param listeners the listener beans
     * @param baseUrl   the base URL the model calls
     * @param <L>       the listener type
     * @return the listeners to build the model with
     */
    @SuppressWarnings("unchecked")
    static <L> List<L> forModel(ObjectProvider<L> listeners, String baseUrl) {
        return listeners
                .orderedStream()
                .map(listener ->
                        listener instanceof ServerAwareListener<?> aware ? (L) aware.forBaseUrl(baseUrl) : listener)
                .toList();
    }
}
