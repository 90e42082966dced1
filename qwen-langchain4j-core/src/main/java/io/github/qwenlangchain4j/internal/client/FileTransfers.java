package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The file side of a {@link QwenClient} (the Files API of batches, Qwen-Long documents): multipart uploads that are
 * sent once, retried only when they cannot have reached Qwen, and downloads read line by line. The transport (auth,
 * retries, errors, logging without file content) is the client's.
 */
public final class FileTransfers {

    private final QwenClient client;

    FileTransfers(QwenClient client) {
        this.client = client;
    }

    /**
     * POSTs a {@code multipart/form-data} upload: the text {@code fields}, then {@code content} as the part
     * {@code file} named {@code fileName}. The file content is not logged, only its size. Each upload creates a file,
     * so it is retried like {@link QwenClient#create}: only when it cannot have reached the server.
     */
    public <T> QwenClient.Result<T> postMultipart(
            String path,
            Map<String, String> fields,
            String fileName,
            byte[] content,
            String contentType,
            Class<T> responseType) {
        return postMultipart(
                path,
                fields,
                fileName,
                RequestBody.create(content, MediaType.get(contentType)),
                content.length,
                responseType);
    }

    /**
     * As {@link #postMultipart(String, Map, String, byte[], String, Class)}, with the content read from
     * {@code content} while it is sent (and read again for a retry), never held in memory.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public <T> QwenClient.Result<T> postMultipart(
            String path,
            Map<String, String> fields,
            String fileName,
            Path content,
            String contentType,
            Class<T> responseType) {
        long size;
        try {
            size = Files.size(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + content, e);
        }
        return postMultipart(
                path,
                fields,
                fileName,
                RequestBody.create(content.toFile(), MediaType.get(contentType)),
                size,
                responseType);
    }

    private <T> QwenClient.Result<T> postMultipart(
            String path,
            Map<String, String> fields,
            String fileName,
            RequestBody file,
            long size,
            Class<T> responseType) {
        okhttp3.MultipartBody.Builder multipart =
                new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM);
        fields.forEach(multipart::addFormDataPart);
        multipart.addFormDataPart("file", fileName, file);
        // one body for every attempt: a file body re-reads the file each time it is written
        RequestBody body = OneShotBody.of(multipart.build());
        String summary = "multipart/form-data " + fields + ", file " + fileName + " (" + size + " bytes)";
        return client.withRetries(
                () -> client.sendOnce(
                        client.logged(
                                client.newRequest(client.url(path, null), "application/json")
                                        .post(body),
                                summary.getBytes(StandardCharsets.UTF_8)),
                        "POST " + path,
                        responseType),
                RetryPolicy::cannotHaveReachedServer);
    }

    /**
     * GETs {@code path} and hands each line of the (UTF-8 text) response body to {@code onLine}, without holding the
     * whole body in memory. Failures before the first line are retried; after it, never.
     *
     * @return the request id of the call that succeeded
     */
    public String getLines(String path, Consumer<String> onLine) {
        boolean[] delivered = {false};
        return client.withRetries(
                () -> {
                    Request request = client.logged(
                            client.newRequest(client.url(path, null), "*/*").get(), null);
                    try {
                        return client.exchange(request, response -> {
                            String requestId = QwenClient.requestId(response);
                            client.failIfUnsuccessful(response, requestId);
                            client.logger()
                                    .response(
                                            response.code(), response.headers(), "<file content, one line per record>");
                            okio.BufferedSource source = response.body().source();
                            String line;
                            while ((line = source.readUtf8Line()) != null) {
                                delivered[0] = true;
                                onLine.accept(line);
                            }
                            return requestId;
                        });
                    } catch (IOException e) {
                        throw ErrorMapper.fromIo(e, "GET " + path);
                    }
                },
                failure -> !delivered[0]);
    }
}
