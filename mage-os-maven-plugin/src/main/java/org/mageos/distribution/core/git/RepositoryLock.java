package org.mageos.distribution.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mageos.distribution.core.io.FileLockHandle;

/**
 * Serializes writers of one cached repository, across processes and within this JVM, with a lock file beside it
 * ({@link FileLockHandle}). Readers need none: git objects are immutable and refs are replaced atomically.
 */
final class RepositoryLock implements AutoCloseable {

    private final FileLockHandle lock;

    private RepositoryLock(FileLockHandle lock) {
        this.lock = lock;
    }

    static RepositoryLock acquire(Path repositoryDir) throws IOException {
        Path lockFile = repositoryDir.resolveSibling(repositoryDir.getFileName() + ".lock");
        Files.createDirectories(lockFile.getParent());
        return new RepositoryLock(FileLockHandle.acquire(lockFile));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
