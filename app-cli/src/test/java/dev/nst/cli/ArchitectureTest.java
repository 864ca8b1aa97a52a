package dev.nst.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CLI finds backends with ServiceLoader; it never names one. */
@AnalyzeClasses(packages = "dev.nst.cli")
class ArchitectureTest {

    @ArchTest
    static final ArchRule backendsAreFoundNotImported = noClasses()
            .that().resideInAPackage("dev.nst.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cpu..", "dev.nst.cuda..");
}
