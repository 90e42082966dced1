package io.github.qwenlangchain4j.tokenizer.internal;

/**
 * The image and video token formulas of Model Studio's "Image and video understanding" guide
 * (alibabacloud.com/help/en/model-studio/vision, "image token" calculation; the same as Qwen's qwen-vl-utils
 * {@code smart_resize}): each side is rounded to a multiple of the model's block size ({@code factor}: 32 pixels for
 * Qwen3-VL and later, 28 for Qwen2.5-VL and QVQ), the picture is scaled, keeping its aspect ratio, into
 * {@code [4, maxTokens]} blocks, and each block is one token, plus 2 for {@code <|vision_start|>} and
 * {@code <|vision_end|>}.
 *
 * <p>A video is sampled at 2 frames a second (at least 4 frames, at most 768, an even number), each frame scaled into
 * 128 to 768 blocks, and two consecutive frames share their tokens (qwen-vl-utils {@code fetch_video}: {@code FPS},
 * {@code FPS_MIN_FRAMES}, {@code FPS_MAX_FRAMES}, {@code VIDEO_MIN_PIXELS}, {@code VIDEO_MAX_PIXELS},
 * {@code FRAME_FACTOR}).
 *
 * @param factor the side of one token's block of pixels: 32 or 28
 * @param maxImageTokens the most blocks an image is scaled into: Model Studio's default {@code max_pixels} divided by
 *     the block's area (2,560 for 32-pixel models, 1,280 for 28-pixel models)
 */
public record VisionTokens(int factor, int maxImageTokens) {

    /** {@code <|vision_start|>} and {@code <|vision_end|>} around the picture's tokens. */
    public static final int FRAME_TOKENS = 2;

    /** The fewest blocks an image is scaled into. */
    public static final int MIN_IMAGE_TOKENS = 4;

    /** Frames sampled per second of video. */
    public static final double VIDEO_FPS = 2.0;

    /** The fewest and most frames sampled from a video. */
    public static final int VIDEO_MIN_FRAMES = 4;

    public static final int VIDEO_MAX_FRAMES = 768;

    /** The fewest and most blocks one video frame is scaled into. */
    public static final int VIDEO_MIN_FRAME_TOKENS = 128;

    public static final int VIDEO_MAX_FRAME_TOKENS = 768;

    /** Qwen3-VL, Qwen3.5 and later: 32-pixel blocks, at most 2,560 tokens per image by default. */
    public static final VisionTokens BLOCKS_32 = new VisionTokens(32, 2_560);

    /** Qwen2.5-VL and QVQ: 28-pixel blocks, at most 1,280 tokens per image by default. */
    public static final VisionTokens BLOCKS_28 = new VisionTokens(28, 1_280);

    /** The tokens of a {@code width} x {@code height} image. */
    public int image(int width, int height) {
        return blocks(width, height, MIN_IMAGE_TOKENS, maxImageTokens) + FRAME_TOKENS;
    }

    /** The tokens of an image whose size is not known: the most an image costs by default. */
    public int unknownImage() {
        return maxImageTokens + FRAME_TOKENS;
    }

    /** The tokens of a video of {@code seconds} with {@code width} x {@code height} frames. */
    public int video(int width, int height, double seconds) {
        int frames = (int) Math.floor(seconds * VIDEO_FPS);
        frames = Math.max(VIDEO_MIN_FRAMES, Math.min(VIDEO_MAX_FRAMES, frames));
        frames -= frames % 2; // rounded down to an even number: two frames share their tokens
        int perFrame = blocks(width, height, VIDEO_MIN_FRAME_TOKENS, VIDEO_MAX_FRAME_TOKENS);
        return perFrame * (frames / 2) + FRAME_TOKENS;
    }

    /**
     * The tokens of a video whose length is not known: the least a video costs at the largest frame size (4 frames,
     * two pairs of 768 blocks).
     */
    public int unknownVideo() {
        return VIDEO_MAX_FRAME_TOKENS * (VIDEO_MIN_FRAMES / 2) + FRAME_TOKENS;
    }

    /** {@code smart_resize}: the blocks of the picture scaled into {@code [minBlocks, maxBlocks]}. */
    private int blocks(int width, int height, int minBlocks, int maxBlocks) {
        long minPixels = (long) minBlocks * factor * factor;
        long maxPixels = (long) maxBlocks * factor * factor;
        // Python's round() rounds halves to even, as Math.rint does.
        long h = Math.max(factor, (long) Math.rint((double) height / factor) * factor);
        long w = Math.max(factor, (long) Math.rint((double) width / factor) * factor);
        if (h * w > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            h = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            w = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (h * w < minPixels) {
            double beta = Math.sqrt((double) minPixels / ((double) height * width));
            h = (long) Math.ceil(height * beta / factor) * factor;
            w = (long) Math.ceil(width * beta / factor) * factor;
        }
        return (int) (h * w / ((long) factor * factor));
    }
}
