package io.github.qwenlangchain4j.internal.mapper;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.github.qwenlangchain4j.internal.api.ContentPart;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * LangChain4j message contents -> Qwen's wire content: user text and media parts ({@code image_url},
 * {@code video_url}, {@code input_audio}) and tool results. Content Qwen cannot take is refused here, before sending.
 */
public final class ContentMapper {

    private ContentMapper() {}

    /**
     * The content of a {@code role: tool} message. Qwen takes tool results as text: a LangChain4j 1.19 tool that
     * returns several contents has its text parts joined; other parts (images, audio, ...) cannot be sent there.
     */
    public static String toolResultText(ToolExecutionResultMessage result) {
        List<Content> contents = result.contents();
        if (contents == null || contents.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Content content : contents) {
            if (!(content instanceof TextContent part)) {
                throw new UnsupportedFeatureException("The result of tool '" + result.toolName() + "' contains "
                        + content.type() + " content, but Qwen takes tool results as text only (role \"tool\"). Return"
                        + " text from the tool (e.g. a URL or a description), or send the "
                        + content.type().name().toLowerCase(Locale.ROOT) + " in a UserMessage after the tool result.");
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(part.text());
        }
        return text.toString();
    }

    static Object toUserContent(UserMessage message) {
        if (message.hasSingleText()) {
            return message.singleText();
        }
        List<Content> contents = message.contents();
        List<ContentPart> parts = new ArrayList<>(contents.size());
        for (Content content : contents) {
            parts.add(toContentPart(content));
        }
        return parts;
    }

    private static ContentPart toContentPart(Content content) {
        if (content instanceof TextContent text) {
            return ContentPart.text(text.text());
        }
        if (content instanceof ImageContent imageContent) {
            Image image = imageContent.image();
            return ContentPart.image(urlOrDataUrl(image.url(), image.base64Data(), image.mimeType(), "image"));
        }
        if (content instanceof VideoContent videoContent) {
            Video video = videoContent.video();
            return ContentPart.video(urlOrDataUrl(video.url(), video.base64Data(), video.mimeType(), "video"));
        }
        if (content instanceof AudioContent audioContent) {
            return toAudioPart(audioContent.audio());
        }
        throw new UnsupportedFeatureException("Qwen's compatible mode cannot take " + content.type()
                + " content in a user message; supported are text, image, video and audio");
    }

    /** An image as Qwen takes it: its URL, or a {@code data:} URL of its base64 data. */
    public static String imageUrl(Image image) {
        return urlOrDataUrl(image.url(), image.base64Data(), image.mimeType(), "image");
    }

    private static String urlOrDataUrl(URI url, String base64, String mimeType, String what) {
        if (url != null) {
            return url.toString();
        }
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " content has neither a URL nor base64 data");
        }
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("The " + what + " content has base64 data but no MIME type; Qwen needs"
                    + " it to read the data (e.g. \"" + what + (what.equals("image") ? "/png" : "/mp4") + "\")");
        }
        return "data:" + mimeType + ";base64," + base64;
    }

    private static ContentPart toAudioPart(Audio audio) {
        if (audio.url() != null) {
            String url = audio.url().toString();
            return ContentPart.audio(url, audioFormat(audio.mimeType(), url));
        }
        String base64 = audio.base64Data();
        if ((base64 == null || base64.isEmpty()) && audio.binaryData() != null) {
            base64 = Base64.getEncoder().encodeToString(audio.binaryData());
        }
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("The audio content has neither a URL nor data");
        }
        String format = audioFormat(audio.mimeType(), null);
        if (format == null) {
            throw new IllegalArgumentException("The audio content has data but no MIME type; Qwen needs the format"
                    + " (e.g. \"audio/mp3\" or \"audio/wav\")");
        }
        // Qwen-Omni's documented form for inline audio is "data:;base64,<data>" with the format beside it.
        return ContentPart.audio("data:;base64," + base64, format);
    }

    /**
     * The {@code input_audio.format} of a MIME type (parameters such as {@code ;codecs=opus} dropped, {@code x-}
     * and alias subtypes normalised) or else of the URL's file extension.
     */
    static String audioFormat(String mimeType, String url) {
        if (mimeType != null && mimeType.contains("/")) {
            String subtype = mimeType.substring(mimeType.indexOf('/') + 1);
            int parameters = subtype.indexOf(';');
            if (parameters >= 0) {
                subtype = subtype.substring(0, parameters);
            }
            subtype = subtype.strip().toLowerCase(Locale.ROOT);
            if (subtype.startsWith("x-")) {
                subtype = subtype.substring(2);
            }
            return switch (subtype) {
                case "mpeg", "mpeg3", "mpeg-3", "mp3" -> "mp3";
                case "wave", "vnd.wave", "wav" -> "wav";
                case "m4a", "mp4", "mp4a-latm", "aac-latm" -> "m4a";
                case "flac" -> "flac";
                case "vorbis", "opus+ogg" -> "ogg";
                case "aac", "aacp" -> "aac";
                case "amr", "amr-wb" -> "amr";
                default -> subtype;
            };
        }
        if (url != null) {
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            int dot = path.lastIndexOf('.');
            if (dot > path.lastIndexOf('/')) {
                return path.substring(dot + 1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The text parts of contents, space-separated (for checks such as "does any message mention JSON"). */
    public static String textOf(List<Content> contents) {
        StringBuilder sb = new StringBuilder();
        for (Content content : contents) {
            if (content instanceof TextContent text) {
                sb.append(text.text()).append(' ');
            }
        }
        return sb.toString();
    }
}
