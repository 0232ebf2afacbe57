package org.mageos.distribution.core.publish;

import java.nio.file.Path;
import org.mageos.distribution.core.DistributionLog;

/** One deploy in a process of its own, to be killed: {@code DeployMain BUILT_DIR TARGET_DIR}. */
public final class DeployMain {

    private DeployMain() {
    }

    public static void main(String[] args) {
        DeployOptions options = new DeployOptions();
        options.threads = 2;
        new Deployer(DistributionLog.SILENT, options).deploy(Path.of(args[0]), new DirectoryTarget(Path.of(args[1])));
        System.out.println("deployed");
    }
}
