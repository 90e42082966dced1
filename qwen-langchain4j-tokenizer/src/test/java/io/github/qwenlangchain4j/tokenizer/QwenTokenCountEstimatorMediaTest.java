package io.github.qwenlangchain4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Images and videos in user messages, estimated with the formulas of Model Studio's vision guide
 * (alibabacloud.com/help/en/model-studio/vision, the image token calculation: sides rounded to multiples of 32 (28 for
 * Qwen2.5-VL and QVQ), scaled into 4 to {@code max_pixels / 32²} blocks, one token a block, plus 2).
 */
class QwenTokenCountEstimatorMediaTest {

    private static final QwenTokenCountEstimator ESTIMATOR = new QwenTokenCountEstimator();

    /** The tokens {@code media} adds to a user message with the text "Describe it.". */
    private static int tokensOf(QwenTokenCountEstimator estimator, Content media) {
        UserMessage text = UserMessage.from("Describe it.");
        UserMessage withMedia = UserMessage.from(TextContent.from("Describe it."), media);
        return estimator.estimateTokenCountInMessage(withMedia) - estimator.estimateTokenCountInMessage(text);
    }

    private static int tokensOf(Content media) {
        return tokensOf(ESTIMATOR, media);
    }

    @Nested
    class Images_of_known_size {

        /**
         * The vision guide's own response (this project's fixture chat/vision_response_thinking_qwen3.7-plus.json, the
         * dog_and_girl.jpeg example) reports {@code "image_tokens": 2503}: the photo is larger than the default cap, and
         * the formula puts a 3:2 photo over the cap into 41 x 61 blocks, + 2 = 2503. The page does not give the
         * photo's size; 6000 x 4000 is a 24-megapixel camera's.
         */
        @Test
        void should_scale_a_photo_over_the_default_cap_to_the_2503_tokens_the_guide_reports() {
            assertThat(tokensOf(ImageContent.from(base64(pngHeader(6000, 4000)), "image/png")))
                    .isEqualTo(2_503);
        }

        @Test
        void should_count_one_token_per_32_pixel_block_plus_2() {
            // 300 x 200: 9 x 6 blocks (200 / 32 = 6.25 rounds to 6), + 2.
            assertThat(tokensOf(ImageContent.from(base64(png(300, 200)), "image/png")))
                    .isEqualTo(56);
        }

        @Test
        void should_round_halves_to_even_as_the_guide_s_Python_does() {
            // 720 / 32 = 22.5: Python's round() gives 22 (not 23), so 1280 x 720 is 40 x 22 blocks, + 2.
            assertThat(tokensOf(ImageContent.from(base64(pngHeader(1280, 720)), "image/png")))
                    .isEqualTo(882);
        }

        @Test
        void should_scale_a_tiny_image_up_to_4_blocks() {
            assertThat(tokensOf(ImageContent.from(base64(png(10, 10)), "image/png")))
                    .isEqualTo(6);
        }

        @Test
        void should_read_the_size_of_a_jpeg_after_its_other_segments() {
            // 1280 x 853: 40 x 27 blocks, + 2.
            assertThat(tokensOf(ImageContent.from(base64(encoded(1280, 853, "jpeg")), "image/jpeg")))
                    .isEqualTo(1_082);
        }

        @Test
        void should_read_the_size_of_a_gif() {
            // 100 x 50: 3 x 2 blocks, + 2.
            assertThat(tokensOf(ImageContent.from(base64(encoded(100, 50, "gif")), "image/gif")))
                    .isEqualTo(8);
        }

        @Test
        void should_read_the_size_of_an_extended_and_a_lossless_webp() {
            // 1920 x 1080: 60 x 34 blocks (33.75 rounds to 34), + 2.
            assertThat(tokensOf(ImageContent.from(base64(webpExtended(1920, 1080)), "image/webp")))
                    .isEqualTo(2_042);
            assertThat(tokensOf(ImageContent.from(base64(webpLossless(1920, 1080)), "image/webp")))
                    .isEqualTo(2_042);
        }

        @Test
        void should_read_a_data_url() {
            String dataUrl = "data:image/png;base64," + base64(png(300, 200));

            assertThat(tokensOf(ImageContent.from(dataUrl))).isEqualTo(56);
        }

        @Test
        void should_use_28_pixel_blocks_and_1280_at_most_for_QVQ() {
            // 1024 x 1024 is 37 x 37 = 1369 blocks of 28 pixels, over 1,280: scaled to 35 x 35, + 2.
            QwenTokenCountEstimator qvq = QwenTokenCountEstimator.forModel("qvq-max");

            assertThat(tokensOf(qvq, ImageContent.from(base64(pngHeader(1024, 1024)), "image/png")))
                    .isEqualTo(1_227);
        }
    }

    @Nested
    class Images_of_unknown_size {

        @Test
        void should_count_an_image_by_url_as_the_most_an_image_costs_by_default() {
            assertThat(tokensOf(ImageContent.from("https://example.com/dog_and_girl.jpeg")))
                    .isEqualTo(2_562);
        }

        @Test
        void should_count_an_unreadable_image_as_the_most_an_image_costs_by_default() {
            String notAnImage = base64("not an image at all".getBytes(StandardCharsets.US_ASCII));

            assertThat(tokensOf(ImageContent.from(notAnImage, "image/png"))).isEqualTo(2_562);
        }
    }

    @Nested
    class Videos {

        @Test
        void should_count_an_mp4_from_its_length_and_frame_size() {
            // 10 s at 2 frames a second: 20 frames, 10 pairs; a 1280 x 720 frame (40 x 22 blocks) is over 768 blocks
            // and scaled to 36 x 20 = 720; 10 x 720 + 2.
            assertThat(tokensOf(VideoContent.from(base64(mp4(1280, 720, 10_000, 1_000)), "video/mp4")))
                    .isEqualTo(7_202);
        }

        @Test
        void should_sample_at_least_4_frames() {
            // 1 s: 2 frames, raised to 4, 2 pairs of 720 blocks, + 2.
            assertThat(tokensOf(VideoContent.from(base64(mp4(1280, 720, 600, 600)), "video/mp4")))
                    .isEqualTo(1_442);
        }

        @Test
        void should_count_a_video_by_url_as_the_least_a_video_costs_at_the_largest_frame_size() {
            assertThat(tokensOf(VideoContent.from("https://example.com/football.mp4")))
                    .isEqualTo(1_538);
        }
    }

    @Nested
    class In_a_token_window {

        @Test
        void should_evict_older_messages_when_an_image_fills_the_window() {
            TokenWindowChatMemory memory = TokenWindowChatMemory.withMaxTokens(3_000, ESTIMATOR);
            memory.add(UserMessage.from("First question, without a picture."));
            memory.add(UserMessage.from(
                    TextContent.from("And this one?"), ImageContent.from(base64(pngHeader(6000, 4000)), "image/png")));
            memory.add(UserMessage.from("Another question, after the picture."));
            memory.add(UserMessage.from(
                    TextContent.from("And this?"), ImageContent.from("https://example.com/second.jpg")));

            List<ChatMessage> kept = memory.messages();
            assertThat(kept).hasSize(2);
            assertThat(ESTIMATOR.estimateTokenCountInMessages(kept)).isLessThanOrEqualTo(3_000);
        }
    }

    // ---- media made for the tests

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] png(int width, int height) {
        return encoded(width, height, "png");
    }

    private static byte[] encoded(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The signature and IHDR chunk of a PNG: all the estimator reads, without megabytes of pixels. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height);
        b.put(new byte[] {8, 2, 0, 0, 0}).putInt(0); // 8-bit RGB; the CRC is not read
        return b.array();
    }

    /** A WebP with a VP8X chunk: the canvas size, less one, in 24-bit little-endian fields. */
    private static byte[] webpExtended(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        putUint24(b, width - 1);
        putUint24(b, height - 1);
        return b.array();
    }

    /** A lossless WebP's header: signature 0x2f, then width - 1 and height - 1 in 14 bits each. */
    private static byte[] webpLossless(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(5).put((byte) 0x2f);
        b.putInt((width - 1) | (height - 1) << 14);
        return b.array();
    }

    private static void putUint24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    /** An MP4's boxes: ftyp, then moov with mvhd (timescale, duration) and a video trak's tkhd (16.16 size). */
    private static byte[] mp4(int width, int height, long duration, long timescale) {
        byte[] mvhd = box(
                "mvhd",
                ByteBuffer.allocate(100)
                        .putInt(0) // version 0, flags
                        .putInt(0)
                        .putInt(0) // creation, modification time
                        .putInt((int) timescale)
                        .putInt((int) duration)
                        .array());
        ByteBuffer tkhdBody = ByteBuffer.allocate(84);
        tkhdBody.position(76);
        tkhdBody.putInt(width << 16).putInt(height << 16);
        byte[] trak = box("trak", box("tkhd", tkhdBody.array()));
        byte[] audioTrak = box("trak", box("tkhd", new byte[84])); // 0 x 0: skipped
        byte[] moov = box("moov", concat(mvhd, audioTrak, trak));
        byte[] ftyp = box("ftyp", "isom\0\0\2\0isomiso2mp41".getBytes(StandardCharsets.US_ASCII));
        byte[] mdat = box("mdat", new byte[64]);
        return concat(ftyp, mdat, moov);
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length)
                .putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.US_ASCII))
                .put(body)
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
