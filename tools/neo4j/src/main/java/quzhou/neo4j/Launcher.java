package quzhou.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j 5.26 Community embedded with only a Bolt connector on 127.0.0.1,
 * so tests and CI get a real server without Docker or a tarball download.
 *
 * Usage: NEO4J_PASSWORD=... java ... quzhou.neo4j.Launcher [--port 7687] [--page-cache 256m] --data-dir DIR
 *        [--pid-file FILE]
 * The password is read from the environment only, so it never shows up in `ps`.
 * With --pid-file the JVM writes its own pid there first thing, so the script that started it
 * knows the server's pid for certain (not that of a shell or wrapper in between).
 */
public final class Launcher {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's non-daemon threads would keep a half-started JVM alive; exit so the
            // script sees the failure. System.exit runs the shutdown hook (clean dbms stop).
            System.err.println("launcher: startup failed: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = 7687;
        long pageCache = ByteUnit.mebiBytes(256);
        Path dataDir = null;
        Path pidFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--pid-file" -> pidFile = Path.of(args[++i]).toAbsolutePath();
                case "--page-cache" -> pageCache = ByteUnit.parse(args[++i]);
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (pidFile != null) writePid(pidFile);
        if (dataDir == null) fail("--data-dir is required");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) fail("NEO4J_PASSWORD is not set");
        Files.createDirectories(dataDir);

        // The data dir doubles as Neo4j's home: databases, tx logs and debug.log live
        // under it, so restarting on the same dir keeps the data.
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
                .setConfig(Map.of(
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, bolt,
                        // Advertise 127.0.0.1 (not "localhost", which may resolve to ::1)
                        // so neo4j:// routing tables point back at this listener.
                        BoltConnector.advertised_address, bolt,
                        GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"),
                        HttpConnector.enabled, false,
                        HttpsConnector.enabled, false,
                        GraphDatabaseSettings.auth_enabled, true,
                        // Sized for a first load of ~260k entities (the store and its indexes stay
                        // cached, ~100 MB); tests on a shared box may pass less.
                        GraphDatabaseSettings.pagecache_memory, pageCache,
                        GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(256),
                        GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(128)))
                // Default locks neo4j out for 5 s after 3 bad logins, which would make a
                // wrong-password test break the tests after it. 0 = never lock.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // The app's console runs user Cypher; a READ transaction still allows
                // LOAD CSV FROM 'file:///...', so the server reads no local files at all.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Netty waits a 5 s quiet period per event loop group on shutdown; 1 s keeps
                // stop/restart in tests quick. (Internal setting, fine with a pinned version.)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT run shutdown hooks: flush and close the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j shutting down");
            dbms.shutdown();
            stopped.countDown();
            System.out.println("neo4j stopped");
        }, "neo4j-shutdown"));

        setPassword(dbms, password);
        System.out.println("neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** Sets neo4j's password (parameterised, via the system database) and clears "change required". */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // On restart the password is usually unchanged, which Neo4j rejects as an error.
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) throw e;
        }
    }

    /** Writes this JVM's pid to `file` atomically (a temp file renamed over it: never half-written,
     *  and a rename replaces a link rather than writing through it). */
    private static void writePid(Path file) throws java.io.IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".pid-", ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void fail(String message) {
        System.err.println("launcher: " + message);
        System.exit(2);
    }
}
