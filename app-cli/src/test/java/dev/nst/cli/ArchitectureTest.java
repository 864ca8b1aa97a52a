package dev.nst.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CLI finds backends with ServiceLoader; it never names one, and it touches no native code. */
@AnalyzeClasses(packages = "dev.nst.cli")
class ArchitectureTest {

    @ArchTest
    static final ArchRule backendsAreFoundNotImported = noClasses()
            .that().resideInAPackage("dev.nst.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cpu..", "dev.nst.cuda..");

    @ArchTest
    static final ArchRule adaptersDoNotImportEachOther = noClasses()
            .that().resideInAPackage("dev.nst.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.http..")
            .because("the CLI and the HTTP service are separate adapters over the same core");

    @ArchTest
    static final ArchRule noNativeCode = noClasses()
            .that().resideInAPackage("dev.nst.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("jcuda..", "com.sun.jna..", "org.bytedeco..")
            .because("native code lives in the backends, fenced into their own classes");

    @ArchTest
    static final ArchRule theCliUsesTheUseCaseNotTheBackendKit = noClasses()
            .that().resideInAPackage("dev.nst.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.nst.core.backend..")
            .because("the backend kit is for backends; the CLI drives the use case");
}
