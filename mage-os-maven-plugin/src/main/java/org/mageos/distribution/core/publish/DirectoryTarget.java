package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.io.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;

/**
 * A folder, typically a web server's document root: files are copied through a temporary file, forced to the disk
 * and renamed into place; dists by a hard link that fails when the name is taken. The deploy lock is an operating
 * system lock on {@link DeployLock#PATH}: it ends with the process that holds it, even one killed.
 */
public final class DirectoryTarget implements DeployTarget {

    /** Lock files this JVM holds: the OS lock is per process, two threads of one would both get it. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path root;

    public DirectoryTarget(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** The folder this target writes to. */
    public Path root() {
        return root;
    }

    @Override
    public Map<String, RemoteFile> list() throws IOException {
        Map<String, RemoteFile> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(f).toString().replace('\\', '/'), new RemoteFile(Files.size(f), null));
            }
        }
        return files;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(root.resolve(path));
    }

    @Override
    public Stored read(String path) throws IOException {
        try {
            return new Stored(Files.readAllBytes(root.resolve(path)), null);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void put(String path, LocalFile file) throws IOException {
        AtomicFiles.copyIfChanged(file.file, root.resolve(path));
    }

    @Override
    public boolean create(String path, LocalFile file) throws IOException {
        return AtomicFiles.copyNew(file.file, root.resolve(path));
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(root.resolve(path));
    }

    @Override
    public void sync() throws IOException {
        AtomicFiles.syncDirectories();
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public DeployLock lock(DeployLock.Owner owner, DeployOptions options, DistributionLog log) throws IOException {
        Files.createDirectories(root);
        Path file = root.resolve(DeployLock.PATH);
        // the file is never deleted: a waiter holding it open would lock a name no longer in the folder
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + options.lockWaitSeconds * 1_000_000_000L;
        boolean told = false;
        try {
            while (true) {
                if (HELD.add(file)) {
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (IOException | RuntimeException e) {
                        HELD.remove(file);
                        throw e;
                    }
                    if (lock != null) {
                        byte[] content = owner.content(0);
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap(content), 0);
                        return new DeployLock() {
                            @Override
                            public void check() {
                                // an OS lock cannot be taken over
                            }

                            @Override
                            public void close() throws IOException {
                                try {
                                    channel.truncate(0); // the file stays (see above), in a web root: without who held it
                                    lock.release();
                                    channel.close();
                                } finally {
                                    HELD.remove(file);
                                }
                            }
                        };
                    }
                    HELD.remove(file);
                }
                String holder = DeployLock.Owner.describe(Files.readAllBytes(file));
                if (System.nanoTime() > deadline) {
                    throw new DistributionException("Deploy to " + describe() + " refused: another deploy holds its lock " + file + " ("
                            + holder + "); waited " + options.lockWaitSeconds + " s (<deployLockWait>). Deploy again when it is done");
                }
                if (!told) {
                    log.info("Waiting for the deploy lock " + file + ", held by " + holder);
                    told = true;
                }
                LeaseLock.sleep(100);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
