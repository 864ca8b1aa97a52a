package dev.nst.cuda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Native code is fenced into one package, and the CUDA backend stands on its own. */
@AnalyzeClasses(packages = "dev.nst.cuda", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheInternalPackageTouchesJCuda = noClasses()
            .that().resideOutsideOfPackage("dev.nst.cuda.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("jcuda..", "com.sun.jna..")
            .because("JCuda, JNA and native memory are fenced into dev.nst.cuda.internal; the orchestration stays"
                    + " testable without a GPU");

    @ArchTest
    static final ArchRule theCudaBackendDoesNotUseTheCpuBackend = noClasses()
            .that().resideInAPackage("dev.nst.cuda..")
            .should().dependOnClassesThat().resideInAPackage("dev.nst.cpu..")
            .because("backends are independent adapters of the same ports");

    @ArchTest
    static final ArchRule theBackendKnowsNoApplication = noClasses()
            .that().resideInAPackage("dev.nst.cuda..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cli..", "dev.nst.http..", "dev.nst.weights..");
}
