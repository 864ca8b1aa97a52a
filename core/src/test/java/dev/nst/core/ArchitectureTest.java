package dev.nst.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is the JDK plus our own code, and its domain knows nothing of the layers around it. */
@AnalyzeClasses(packages = "dev.nst.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnTheJdkOnly = classes()
            .that().resideInAPackage("dev.nst.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.imageio..", "org.w3c.dom..",
                    "dev.nst.core..")
            .because("core is JDK only (Image I/O and its metadata trees, org.w3c.dom of the JDK's java.xml):"
                    + " frameworks, native code and file formats beyond Image I/O live in adapters");

    @ArchTest
    static final ArchRule domainKnowsNoServiceOrPort = noClasses()
            .that().resideInAPackage("dev.nst.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.core.service..", "dev.nst.core.port..",
                    "dev.nst.core.image..")
            .because("the domain is the innermost ring");

    @ArchTest
    static final ArchRule portsKnowNoImplementation = noClasses()
            .that().resideInAPackage("dev.nst.core.port..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.core.service..", "dev.nst.core.image..")
            .because("ports describe what the service needs and offers, not how it is done");

    @ArchTest
    static final ArchRule incomingAndOutgoingPortsAreIndependent = noClasses()
            .that().resideInAPackage("dev.nst.core.port.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.nst.core.port.out..")
            .because("what the core offers and what it needs are separate contracts");

    @ArchTest
    static final ArchRule outgoingPortsKnowNothingOfTheUseCases = noClasses()
            .that().resideInAPackage("dev.nst.core.port.out..")
            .should().dependOnClassesThat().resideInAPackage("dev.nst.core.port.in..")
            .because("what the core offers and what it needs are separate contracts");

    @ArchTest
    static final ArchRule theServiceUsesPortsNotTheBackendKit = noClasses()
            .that().resideInAPackage("dev.nst.core.service..")
            .should().dependOnClassesThat().resideInAPackage("dev.nst.core.backend..")
            .because("the backend kit is what backends share; the service sees backends only through the ports");

    @ArchTest
    static final ArchRule theBackendKitBuildsOnTheOutgoingPortsOnly = noClasses()
            .that().resideInAPackage("dev.nst.core.backend..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.core.service..", "dev.nst.core.port.in..",
                    "dev.nst.core.image..")
            .because("backends implement the outgoing ports; the use case is none of their business");
}
