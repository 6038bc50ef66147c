package dev.backprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one IDX file, raw or gzip-compressed, read so that nothing unchecked gets through:
 * sizes are bounded by the file's length and the heap before anything is allocated, the payload is
 * read to the end of the stream (which makes {@link GZIPInputStream} verify the CRC-32 and length in
 * the gzip trailer), and bytes after the payload are an error. Every failure is an
 * {@link IdxFormatException} naming the file.
 */
final class IdxInput implements AutoCloseable {

    /** Deflate's best ratio is about 1032:1, so a gzip file of n bytes cannot inflate to more than this times n. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final long fileLength;
    private final boolean gzip;
    private final DataInputStream in;
    private long position;

    private IdxInput(Path file, long fileLength, boolean gzip, DataInputStream in) {
        this.file = file;
        this.fileLength = fileLength;
        this.gzip = gzip;
        this.in = in;
    }

    static IdxInput open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(file + ": is a folder, not an IDX file");
        }
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new IdxFormatException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            long length = Files.isRegularFile(file) ? Files.size(file) : -1;
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            InputStream payload = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
            return new IdxInput(file, length, gzip, new DataInputStream(payload));
        } catch (IOException e) {
            raw.close();
            throw new IdxFormatException(file + ": " + (e instanceof EOFException ? "truncated in the gzip header"
                    : "corrupted gzip data (" + e.getMessage() + ")"));
        }
    }

    /** The next big-endian int of the header; {@code truncated} is the message if the file ends first. */
    int readInt(String truncated) throws IOException {
        try {
            int value = in.readInt();
            position += 4;
            return value;
        } catch (EOFException e) {
            throw new IdxFormatException(file + ": " + truncated);
        } catch (IOException e) {
            throw corrupted(e);
        }
    }

    /**
     * The remaining {@code size} bytes of the file after a header of {@link #position} bytes, checked
     * to be all there is.
     *
     * @param what what the header promises, for messages ({@code "200 images of 28x28"})
     * @param heapBytes the heap the caller needs for them, {@code size} or more
     */
    byte[] payload(long size, String what, long heapBytes) throws IOException {
        String promise = "the header promises " + what + " (" + size + " bytes)";
        if (fileLength >= 0 && !gzip && size > fileLength - position) {
            throw new IdxFormatException(file + " is truncated: " + promise + " but the file has "
                    + (fileLength - position) + " bytes after the header");
        }
        if (fileLength >= 0 && !gzip && size < fileLength - position) {
            throw trailing(fileLength - position - size, what);
        }
        if (fileLength >= 0 && gzip && size > fileLength * MAX_DEFLATE_RATIO) {
            throw new IdxFormatException(file + " is corrupted or truncated: " + promise + ", more than its "
                    + fileLength + " compressed bytes can hold");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IdxFormatException(file + ": " + promise + ", more than this reader accepts (at most "
                    + (Integer.MAX_VALUE - 8) + " bytes)");
        }
        if (!HeapBudget.fits(heapBytes)) {
            throw new IdxFormatException(file + ": " + promise + " needs " + HeapBudget.format(heapBytes)
                    + " of heap, the JVM has " + HeapBudget.format(HeapBudget.available()) + " free; give it more "
                    + "with -Xmx (bp: BP_JAVA_OPTS=-Xmx8g)");
        }
        byte[] into = new byte[(int) size];
        int read = 0;
        try {
            while (read < into.length) {
                int n = in.read(into, read, into.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            throw new IdxFormatException(file + " is truncated: " + promise + " but the compressed data ends after "
                    + "about " + read + " of them");
        } catch (IOException e) {
            throw corrupted(e);
        }
        if (read < into.length) {
            throw new IdxFormatException(file + " is truncated: " + promise + " but only " + read + " bytes follow");
        }
        position += read;
        long extra = drain();
        if (extra > 0) {
            throw trailing(extra, what);
        }
        return into;
    }

    /** Reads to the end of the stream, which verifies a gzip trailer; returns how many bytes were left. */
    private long drain() throws IOException {
        byte[] rest = new byte[BUFFER];
        long extra = 0;
        try {
            for (int n; (n = in.read(rest)) >= 0; ) {
                extra += n;
            }
        } catch (EOFException e) {
            throw new IdxFormatException(file + " is truncated: the gzip stream ends without its trailer");
        } catch (IOException e) {
            throw corrupted(e);
        }
        return extra;
    }

    private IdxFormatException trailing(long extra, String what) {
        return new IdxFormatException(file + " is corrupted: " + extra + (extra == 1 ? " byte" : " bytes")
                + " after the " + what + " the header promises");
    }

    private IdxFormatException corrupted(IOException e) {
        return new IdxFormatException(file + ": corrupt " + (gzip ? "gzip data" : "data") + " (" + e.getMessage()
                + "); " + (gzip ? "`gzip -t` checks it; " : "") + "download the file again");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
