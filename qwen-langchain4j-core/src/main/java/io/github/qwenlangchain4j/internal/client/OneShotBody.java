package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body OkHttp must not send twice. OkHttp silently repeats a request whose connection failed, even after
 * the body went out; for a request that creates something (a batch, a file) that would create it twice, unseen.
 * Marking the body one-shot turns that retry off once sending has started.
 */
final class OneShotBody extends RequestBody {

    private final RequestBody delegate;

    private OneShotBody(RequestBody delegate) {
        this.delegate = delegate;
    }

    static RequestBody of(RequestBody delegate) {
        return new OneShotBody(delegate);
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() throws IOException {
        return delegate.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        delegate.writeTo(sink);
    }

    @Override
    public boolean isOneShot() {
        return true;
    }
}
