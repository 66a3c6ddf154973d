package dev.qrbeam.core.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Runnable main, not a test: what the receiver's write costs through the page cache and around it (O_DIRECT),
 * side by side in one run, as CPU-s per GiB of this process and MB/s. Each pass writes a fresh file (deleted
 * first) in 1 MiB aligned writes and forces it, like the receive store. Usage: {@code DirectWriteBench DIR [MiB]}.
 */
public final class DirectWriteBench {
    private DirectWriteBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        Path file = dir.resolve("qrbeam-direct-bench.bin");
        for (int round = 0; round < 2; round++) {
            for (boolean direct : new boolean[] {false, true}) {
                pass(file, mib, direct);
            }
        }
        Files.deleteIfExists(file);
    }

    private static void pass(Path file, int mib, boolean direct) throws Exception {
        Files.deleteIfExists(file);
        Files.createFile(file);
        int block = (int) Files.getFileStore(file).getBlockSize();
        ByteBuffer buf = ByteBuffer.allocateDirect((1 << 20) + block).alignedSlice(block);
        byte[] b = new byte[1 << 20];
        new Random(1).nextBytes(b);
        buf.put(b).flip();
        OpenOption[] options = direct
                ? new OpenOption[] {StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT}
                : new OpenOption[] {StandardOpenOption.WRITE};
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, options)) {
            for (long i = 0; i < mib; i++) {
                buf.rewind();
                long pos = i << 20;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            }
            ch.force(false);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
                "%-12s %,6d MiB: %6.0f MB/s, %.2f CPU-s per GiB (block %d)%n",
                direct ? "O_DIRECT" : "page cache", mib, mib * 1.048576 / secs, cpu * 1024 / mib, block);
    }
}
