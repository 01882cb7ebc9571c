package io.ggen.ffi.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One message of the control protocol between {@code ggen} and a running container: a kind byte, a
 * length and that many bytes. A client sends {@link #HELLO} (the token), then {@link #RUN} (the working
 * folder and the arguments), and may send {@link #CANCEL} (Ctrl-C); the container answers
 * {@link #READY} (its pid) once the token matched (nothing at all when it did not), then the command's
 * {@link #OUT} and {@link #ERR} bytes as they come, and {@link #EXIT} with the exit code.
 */
record ControlFrame(byte kind, byte[] payload) {

    static final byte HELLO = 'H';
    static final byte RUN = 'R';
    static final byte CANCEL = 'C';
    static final byte READY = 'Y';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';

    /** Arguments can hold a whole script (--code); more than this is refused. */
    static final int MAX_PAYLOAD = 64 << 20;
    /** Separates the working folder and the arguments in a {@link #RUN}: no argument can hold it. */
    private static final char SEPARATOR = '\0';

    static ControlFrame text(byte kind, String text) {
        return new ControlFrame(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@link #RUN}: the caller's working folder, then the arguments. */
    static ControlFrame run(String workingDir, List<String> args) {
        StringBuilder text = new StringBuilder(workingDir);
        args.forEach(arg -> text.append(SEPARATOR).append(arg));
        return text(RUN, text.toString());
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The working folder and arguments of a {@link #RUN}, in that order. */
    List<String> runParts() {
        return Arrays.asList(text().split(String.valueOf(SEPARATOR), -1));
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(kind);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /**
     * The next frame; null at the end of the stream before one starts.
     *
     * @throws IOException a broken or oversized frame, or the stream failed
     */
    static ControlFrame readFrom(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("a control frame of " + length + " bytes");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new ControlFrame((byte) kind, payload);
    }

    /** The next frame; the end of the stream is an error. */
    static ControlFrame require(DataInputStream in) throws IOException {
        ControlFrame frame = readFrom(in);
        if (frame == null) {
            throw new EOFException("the other side closed the connection");
        }
        return frame;
    }
}
