import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The growth benchmark's warm-up: GETs every account FIRST..FIRST+COUNT-1 exactly once over CONNECTIONS kept-alive
 * HTTP/1.1 connections, so that the random reads measured after it find every key where a warm instance would hold
 * it (the near cache, PostgreSQL's buffers). A timed warm-up of random or sequential reads left most of a million
 * keys unread, and java.net.http's client costs more CPU than midtier on a 2-core machine: plain sockets here.
 * Prints how many answered 200 and how long it took; exits 1 if any did not.
 * Usage: java ReadEveryKey.java http://127.0.0.1:18080 5000000 1000000 16
 */
public class ReadEveryKey {

    public static void main(String[] args) throws Exception {
        URI api = URI.create(args[0]);
        long first = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        int connections = Integer.parseInt(args[3]);
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Long>> readers = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            readers.add(pool.submit(() -> {
                long ok = 0;
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 5_000);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16_384);
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        out.write(("GET /api/accounts/" + (first + i) + " HTTP/1.1\r\nHost: " + api.getHost()
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (readResponse(in) == 200) {
                            ok++;
                        }
                    }
                }
                return ok;
            }));
        }
        long ok = 0;
        for (Future<Long> reader : readers) {
            ok += reader.get();
        }
        pool.shutdown();
        System.out.printf("read %d of %d keys (200) in %d ms%n", ok, count, (System.nanoTime() - started) / 1_000_000);
        System.exit(ok == count ? 0 : 1);
    }

    /** Reads one response (a Content-Length body: midtier's reads are not chunked); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        long length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("a response without Content-Length: " + status);
        }
        in.skipNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
