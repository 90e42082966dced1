package io.github.qwenlangchain4j.tokenizer.internal;

import java.util.Base64;

/**
 * Reads the pixel size of an image (PNG, JPEG, GIF, WebP) or the size and length of a video (MP4, MOV) from the first
 * bytes of its base64 data, without decoding the pictures: only the headers are read.
 */
public final class MediaSize {

    /** Bytes of an image read at most while looking for its size (a JPEG's size follows its EXIF block). */
    private static final int IMAGE_HEADER_LIMIT = 512 * 1024;

    private MediaSize() {}

    /** An image's size in pixels. */
    public record Pixels(int width, int height) {}

    /** A video's frame size in pixels and its length in seconds. */
    public record Clip(int width, int height, double seconds) {}

    /**
     * The size of the image in {@code base64} (plain base64 or a {@code data:} URL), or null when its format is not
     * one of PNG, JPEG, GIF and WebP or its header is cut short or malformed.
     */
    public static Pixels image(String base64) {
        byte[] head = decodeHead(base64, IMAGE_HEADER_LIMIT);
        if (head == null) {
            return null;
        }
        try {
            return imageSize(head);
        } catch (IndexOutOfBoundsException cutShort) {
            return null;
        }
    }

    /**
     * The frame size and length of the MP4 or MOV video in {@code base64} (plain or a {@code data:} URL): the
     * {@code mvhd} box's duration and the first video track's {@code tkhd} size; null for another container or when
     * they cannot be found.
     */
    public static Clip video(String base64) {
        byte[] data = decodeHead(base64, Integer.MAX_VALUE);
        if (data == null) {
            return null;
        }
        try {
            return mp4(data);
        } catch (IndexOutOfBoundsException cutShort) {
            return null;
        }
    }

    // ---- base64

    private static byte[] decodeHead(String base64, int limit) {
        if (base64 == null) {
            return null;
        }
        String data = base64;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0 || !data.substring(0, comma).endsWith(";base64")) {
                return null;
            }
            data = data.substring(comma + 1);
        }
        // 4 characters carry 3 bytes: decode only the characters that hold the first `limit` bytes.
        long chars = Math.min(data.length(), (limit / 3L + 1) * 4);
        String head = data.substring(0, (int) (chars - chars % 4)).strip();
        try {
            return Base64.getMimeDecoder().decode(head);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    // ---- images

    private static Pixels imageSize(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            // The IHDR chunk comes first: width and height are its first two big-endian ints.
            return pixels(int32(b, 16), int32(b, 20));
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return pixels(uint16le(b, 6), uint16le(b, 8));
        }
        if (b.length >= 30 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return webp(b);
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return jpeg(b);
        }
        return null;
    }

    private static Pixels webp(byte[] b) {
        if (ascii(b, 12, "VP8 ")) {
            // Lossy: a key frame's header, then 14-bit width and height.
            return pixels(uint16le(b, 26) & 0x3fff, uint16le(b, 28) & 0x3fff);
        }
        if (ascii(b, 12, "VP8L")) {
            // Lossless: after the signature byte 0x2f, width - 1 and height - 1 in 14 bits each.
            int bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (b[24] & 0xff) << 24;
            return pixels((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
        }
        if (ascii(b, 12, "VP8X")) {
            // Extended: canvas width - 1 and height - 1 in 24 bits each.
            return pixels(uint24le(b, 24) + 1, uint24le(b, 27) + 1);
        }
        return null;
    }

    private static Pixels jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2; // markers without a length
                continue;
            }
            // SOF0..SOF15 (not DHT c4, JPG c8, DAC cc): precision, then height and width.
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return pixels(uint16(b, i + 7), uint16(b, i + 5));
            }
            if (marker == 0xda || marker == 0xd9) {
                return null; // the pictures begin, or the file ends, before any frame header
            }
            i += 2 + uint16(b, i + 2);
        }
        return null;
    }

    private static Pixels pixels(int width, int height) {
        return width > 0 && height > 0 ? new Pixels(width, height) : null;
    }

    // ---- MP4 / MOV (ISO base media file format)

    private static Clip mp4(byte[] b) {
        if (b.length < 12 || !ascii(b, 4, "ftyp")) {
            return null;
        }
        int moov = findBox(b, 0, b.length, "moov");
        if (moov < 0) {
            return null;
        }
        int moovEnd = moov + (int) Math.min(boxSize(b, moov), b.length - moov);
        int mvhd = findBox(b, moov + 8, moovEnd, "mvhd");
        if (mvhd < 0) {
            return null;
        }
        int version = b[mvhd + 8] & 0xff;
        long timescale = version == 1 ? uint32(b, mvhd + 28) : uint32(b, mvhd + 20);
        long duration = version == 1 ? int64(b, mvhd + 32) : uint32(b, mvhd + 24);
        if (timescale <= 0 || duration <= 0) {
            return null;
        }
        // The first track with a picture size (audio tracks have 0 x 0).
        for (int trak = findBox(b, moov + 8, moovEnd, "trak");
                trak >= 0;
                trak = findBox(b, trak + (int) boxSize(b, trak), moovEnd, "trak")) {
            int tkhd = findBox(b, trak + 8, trak + (int) boxSize(b, trak), "tkhd");
            if (tkhd < 0) {
                continue;
            }
            int sizeAt = tkhd + ((b[tkhd + 8] & 0xff) == 1 ? 96 : 84); // width, height: 16.16 fixed point
            int width = (int) (uint32(b, sizeAt) >>> 16);
            int height = (int) (uint32(b, sizeAt + 4) >>> 16);
            if (width > 0 && height > 0) {
                return new Clip(width, height, (double) duration / timescale);
            }
        }
        return null;
    }

    /** The offset of the first box of {@code type} among the boxes from {@code from} to {@code to}, or -1. */
    private static int findBox(byte[] b, int from, int to, String type) {
        int i = from;
        while (i + 8 <= Math.min(to, b.length)) {
            long size = boxSize(b, i);
            if (size < 8) {
                return -1;
            }
            if (ascii(b, i + 4, type)) {
                return i;
            }
            if (i + size > to) {
                return -1;
            }
            i += (int) size;
        }
        return -1;
    }

    private static long boxSize(byte[] b, int at) {
        long size = uint32(b, at);
        if (size == 1) {
            return int64(b, at + 8); // a 64-bit size follows the type
        }
        return size == 0 ? b.length - at : size; // 0: up to the end of the file
    }

    // ---- bytes

    private static boolean ascii(byte[] b, int at, String text) {
        if (at + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int uint16le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int uint24le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
    }

    private static int int32(byte[] b, int at) {
        return (int) uint32(b, at);
    }

    private static long uint32(byte[] b, int at) {
        return ((long) uint16(b, at) << 16) | uint16(b, at + 2);
    }

    private static long int64(byte[] b, int at) {
        return (uint32(b, at) << 32) | uint32(b, at + 4);
    }
}
