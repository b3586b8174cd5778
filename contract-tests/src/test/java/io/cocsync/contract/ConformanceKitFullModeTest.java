package io.cocsync.contract;

import io.cocsync.conformance.checks.Mode;
import io.cocsync.conformance.run.KitSession;
import io.cocsync.conformance.run.KitSettings;
import io.cocsync.contract.support.Coverage;
import io.cocsync.contract.support.KitChecksAsTests;
import java.net.http.HttpClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit in full mode against our server: every check of the kit, the writing ones
 * included, then its clean-up. The build runs this on H2 and again on PostgreSQL.
 */
class ConformanceKitFullModeTest extends ContractTestBase {

    private static KitSession session;

    @BeforeAll
    static void openSession() {
        session = KitSession.open(KitSettings.of(server.baseUri(), signer, Mode.FULL, unique("kit")),
                HttpClient.newHttpClient(), Coverage::record);
    }

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCheckOfTheKitPassesInFullMode() {
        return KitChecksAsTests.of(session);
    }
}
