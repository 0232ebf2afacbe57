package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.io.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder, typically a web server's document root: files are copied through a temporary file and an atomic rename. */
public final class DirectoryTarget implements DeployTarget {

    private final Path root;

    public DirectoryTarget(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
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
    public void put(String path, LocalFile file) throws IOException {
        AtomicFiles.copyIfChanged(file.file, root.resolve(path));
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(root.resolve(path));
    }

    @Override
    public boolean remote() {
        return false;
    }
}
