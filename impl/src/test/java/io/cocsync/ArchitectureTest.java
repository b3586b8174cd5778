package io.cocsync;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cocsync.accounts.CloudVendor;

/**
 * The layers of the service, as rules the build checks: which package may use which. The
 * service's own code only (tests may reach anywhere). {@code docs/development.md} describes the
 * layers these rules keep apart.
 */
@AnalyzeClasses(packages = "io.cocsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Connectors talk to vendors and nothing else of the service: they never touch storage, the
     * stored accounts or the HTTP edge. The vendor's name ({@link CloudVendor}) is the one type of
     * {@code io.cocsync.accounts} they may use: the narrow credentials record carries it.
     */
    @ArchTest
    static final ArchRule connectorsTouchNoStorageAccountsOrHttp = noClasses()
            .that().resideInAPackage("io.cocsync.connectors..")
            .should().dependOnClassesThat(resideInAPackage("io.cocsync.storage..")
                    .or(resideInAPackage("org.jdbi.."))
                    .or(resideInAPackage("java.sql.."))
                    .or(resideInAPackage("io.cocsync.accounts..")
                            .and(belongToAnyOf(CloudVendor.class).negate()))
                    .or(resideInAPackage("io.cocsync.http.."))
                    .or(resideInAPackage("io.cocsync.auth.."))
                    .or(resideInAPackage("io.cocsync.server.."))
                    .or(resideInAPackage("jakarta.ws.rs.."))
                    .or(resideInAPackage("org.glassfish.jersey..")))
            .because("a connector only reads a vendor's estate; the sync engine stores it");

    /** The HTTP edge goes through the services and repositories, never to the database itself. */
    @ArchTest
    static final ArchRule httpEdgeTouchesNoStorage = noClasses()
            .that().resideInAPackage("io.cocsync.http..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.cocsync.storage..", "org.jdbi..", "java.sql..", "javax.sql..")
            .because("what a request may change in the database is decided by the services");

    /**
     * Which database the service runs on is known in {@code io.cocsync.storage} only: everything
     * else asks the dialect seam ({@code Dialect}), never a database's driver or its own dialect.
     */
    @ArchTest
    static final ArchRule onlyStorageKnowsTheDatabase = noClasses()
            .that().resideOutsideOfPackage("io.cocsync.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "org.postgresql..")
            .orShould().dependOnClassesThat().haveSimpleName("H2Dialect")
            .orShould().dependOnClassesThat().haveSimpleName("PostgresDialect")
            .because("the differences between databases live behind one seam");

    /** No package of the service depends on itself through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.cocsync.(*)..")
            .should().beFreeOfCycles();

    /**
     * The vendor stubs stand in for vendors in tests, the benchmark and the demo: only the demo jar
     * ({@code io.cocsync.demo}, a module of its own) starts them, and the service never refers to them.
     */
    @ArchTest
    static final ArchRule serviceNeverUsesStubs = noClasses()
            .that().resideOutsideOfPackages("io.cocsync.stubs..", "io.cocsync.demo..")
            .should().dependOnClassesThat().resideInAPackage("io.cocsync.stubs..")
            .because("nothing written to stand in for a vendor ships as part of the service");
}
