package dev.nst.cpu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CPU backend is found, not imported; its native code is fenced; it writes kernels, not planning. */
@AnalyzeClasses(packages = "dev.nst.cpu", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheProviderIsPublic = classes()
            .that().resideInAPackage("dev.nst.cpu..").and().areTopLevelClasses().and().arePublic()
            .should().haveSimpleName("CpuBackendProvider")
            .because("applications find the backend through ServiceLoader and never import its classes");

    @ArchTest
    static final ArchRule theBackendKnowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.nst.cpu..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nst.cuda..", "dev.nst.cli..", "dev.nst.http..",
                    "dev.nst.weights..")
            .because("backends are independent adapters of the core's ports");

    @ArchTest
    static final ArchRule jcudaIsNotUsed = noClasses()
            .that().resideInAPackage("dev.nst.cpu..")
            .should().dependOnClassesThat().resideInAPackage("jcuda..")
            .because("JCuda belongs to the CUDA backend's internal package only");

    @ArchTest
    static final ArchRule jnaIsFencedIntoTheOpenMpCall = noClasses()
            .that().resideInAPackage("dev.nst.cpu..").and().haveNameNotMatching("dev\\.nst\\.cpu\\.OpenMp.*")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("JNA is used for one function only, omp_set_num_threads, which oneDNN's JavaCPP preset lacks");

    @ArchTest
    static final ArchRule onednnIsFencedIntoTheDnnlClasses = noClasses()
            .that().resideInAPackage("dev.nst.cpu..").and().haveNameNotMatching("dev\\.nst\\.cpu\\.Dnnl.*")
            .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
            .because("the pure-Java kernels and the session must work where oneDNN's native libraries cannot load");

    @ArchTest
    static final ArchRule planningIsSharedNotRewritten = noClasses()
            .that().resideInAPackage("dev.nst.cpu..")
            .should().implement(dev.nst.core.port.out.FeatureNetwork.class)
            .because("the network every backend uses is core's PlannedNetwork; a backend writes only its NetworkPlan");
}
