package dev.nst.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The service finds backends with ServiceLoader and keeps its layers apart. */
@AnalyzeClasses(packages = "dev.nst.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule backendsAreFoundNotImported = noClasses()
            .that().resideInAPackage("dev.nst.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cpu..", "dev.nst.cuda..");

    /** Jobs know nothing of HTTP: controllers call the job service, never the reverse. */
    @ArchTest
    static final ArchRule jobsDoNotKnowHttp = noClasses()
            .that().resideInAPackage("dev.nst.http.job..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.http.api..", "io.micronaut.http..");

    /** The engine runs transfers; it knows neither HTTP nor jobs. */
    @ArchTest
    static final ArchRule engineIsBelowJobsAndHttp = noClasses()
            .that().resideInAPackage("dev.nst.http.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.http.api..", "dev.nst.http.job..",
                    "io.micronaut.http..");

    @ArchTest
    static final ArchRule adaptersDoNotImportEachOther = noClasses()
            .that().resideInAPackage("dev.nst.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cli..")
            .because("the CLI and the HTTP service are separate adapters over the same core");

    @ArchTest
    static final ArchRule noNativeCode = noClasses()
            .that().resideInAPackage("dev.nst.http..")
            .should().dependOnClassesThat().resideInAnyPackage("jcuda..", "com.sun.jna..", "org.bytedeco..")
            .because("native code lives in the backends, fenced into their own classes");

    /** The wording of the core's failures is one mapping, below the API and the jobs alike. */
    @ArchTest
    static final ArchRule wordingKnowsOnlyTheCore = noClasses()
            .that().resideInAPackage("dev.nst.http.wording..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.http.api..", "dev.nst.http.job..",
                    "dev.nst.http.engine..", "io.micronaut..");

    /** Who may call what is decided in one place, by Micronaut Security; the jobs only know an owner's name. */
    @ArchTest
    static final ArchRule jobsKnowOwnersNotKeys = noClasses()
            .that().resideInAnyPackage("dev.nst.http.job..", "dev.nst.http.engine..", "dev.nst.http.wording..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.security..", "dev.nst.http.security..");

    /** The security layer guards the API; it does not reach into the jobs or the engine. */
    @ArchTest
    static final ArchRule securityStandsInFront = noClasses()
            .that().resideInAPackage("dev.nst.http.security..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.http.job..", "dev.nst.http.engine..");
}
