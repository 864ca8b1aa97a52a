package dev.nst.weights;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The weights adapter reads files and fetches them; it knows no backend, no application and no native code. */
@AnalyzeClasses(packages = "dev.nst.weights", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theWeightsKnowNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.nst.weights..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cpu..", "dev.nst.cuda..", "dev.nst.cli..",
                    "dev.nst.http..")
            .because("adapters never import each other; the applications wire them together");

    @ArchTest
    static final ArchRule theWeightsImplementAnOutgoingPortOnly = noClasses()
            .that().resideInAPackage("dev.nst.weights..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.core.service..", "dev.nst.core.port.in..",
                    "dev.nst.core.backend..")
            .because("weights are obtained through LoadWeightsPort; the use case is not theirs to call");

    @ArchTest
    static final ArchRule noNativeCode = noClasses()
            .that().resideInAPackage("dev.nst.weights..")
            .should().dependOnClassesThat().resideInAnyPackage("jcuda..", "com.sun.jna..", "org.bytedeco..")
            .because("native code lives in the backends, fenced into their own classes");
}
