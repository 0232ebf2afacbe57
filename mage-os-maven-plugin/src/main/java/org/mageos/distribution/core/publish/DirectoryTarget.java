package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.io.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.FileLockHandle;
import org.mageos.distribution.core.DistributionException;

/**
 * A folder, typically a web server's document root: files are copied through a temporary file, forced to the disk
 * and renamed into place; dists by a hard link that fails when the name is taken. The deploy lock is an operating
 * system lock on {@link DeployLock#PATH}: it ends with the process that holds it, even one killed.
 */
public final class DirectoryTarget implements DeployTarget {

    /** Lock files this JVM holds: the OS lock is per process, two threads of one would both get it. */

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
        // the file is never deleted (see FileLockHandle), and it is in a web root: emptied when released
        long deadline = System.nanoTime() + options.lockWaitSeconds * 1_000_000_000L;
        boolean told = false;
        while (true) {
            FileLockHandle held = FileLockHandle.tryAcquire(file);
            if (held != null) {
                try {
                    held.channel().truncate(0);
                    held.channel().write(ByteBuffer.wrap(owner.content(0)), 0);
                } catch (IOException | RuntimeException e) {
                    held.close();
                    throw e;
                }
                return new DeployLock() {
                    @Override
                    public void check() {
                        // an OS lock cannot be taken over
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            held.channel().truncate(0);
                        } finally {
                            held.close();
                        }
                    }
                };
            }
            String holder;
            try {
                holder = DeployLock.Owner.describe(Files.readAllBytes(file));
            } catch (java.nio.file.NoSuchFileException e) {
                // its holder in this JVM has taken the lock but not yet made the file
                holder = "another deploy that is starting";
            }
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
    }
}
