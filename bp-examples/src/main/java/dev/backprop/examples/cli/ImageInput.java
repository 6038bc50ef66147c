package dev.backprop.examples.cli;

import dev.backprop.data.FashionMnist;
import dev.backprop.data.HeapBudget;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image file (PNG, or any format ImageIO reads) as a Fashion-MNIST input: its luminance scaled to
 * 28×28 in {@code [0, 1]}. The declared size is checked against {@link #MAX_PIXELS} and the heap
 * before the image is decoded, and every failure, whatever the decoder throws on corrupt data, is an
 * {@link ImageInputException} naming the file.
 */
final class ImageInput {

    /** The largest image accepted: 64 megapixels. */
    static final long MAX_PIXELS = 1L << 26;
    /** Bytes a decoded pixel may take (ImageIO's widest common layout, 16-bit RGBA). */
    private static final int BYTES_PER_PIXEL = 8;

    private ImageInput() {
    }

    /**
     * Reads {@code file}.
     *
     * @param invert whether to invert greys (dark objects on a light background)
     * @throws ImageInputException naming the file if it is missing, a folder, not an image, corrupt,
     *     or too large
     */
    static double[] read(Path file, boolean invert) throws ImageInputException {
        if (Files.isDirectory(file)) {
            throw new ImageInputException(file + ": is a folder, not an image (give PNG files or test:N)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageInputException(file + ": no such image file (or use test:N)");
        }
        BufferedImage image = decode(file);
        BufferedImage grey = new BufferedImage(FashionMnist.SIDE, FashionMnist.SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, FashionMnist.SIDE, FashionMnist.SIDE, null);
        } finally {
            g.dispose();
        }
        double[] pixels = new double[FashionMnist.PIXELS];
        for (int y = 0; y < FashionMnist.SIDE; y++) {
            for (int x = 0; x < FashionMnist.SIDE; x++) {
                int v = grey.getRaster().getSample(x, y, 0);
                pixels[y * FashionMnist.SIDE + x] = (invert ? 255 - v : v) / 255.0;
            }
        }
        return pixels;
    }

    private static BufferedImage decode(Path file) throws ImageInputException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageInputException(file + ": not an image ImageIO can read (PNG expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS || !HeapBudget.fits(pixels * BYTES_PER_PIXEL)) {
                    throw new ImageInputException(file + ": a " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " image is larger than this reader accepts (" + MAX_PIXELS + " pixels and the "
                            + HeapBudget.format(HeapBudget.available()) + " of free heap); scale it down first");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new ImageInputException(file + ": the image has no pixels");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw IIOException and also unchecked exceptions on corrupt data
            throw new ImageInputException(file + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
    }
}
