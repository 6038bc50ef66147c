/**
 * The conformance kit: abstract JUnit 5 test classes a backend's tests extend
 * ({@link dev.backprop.conformance.BackendConformance}), and the kit's reference backend. The kit's
 * packages are open to JUnit, which runs their test methods by reflection.
 */
module dev.backprop.conformance {
    requires transitive dev.backprop;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires com.fasterxml.jackson.databind;
    requires jdk.management;

    exports dev.backprop.conformance;
    exports dev.backprop.conformance.reference;

    opens dev.backprop.conformance to org.junit.platform.commons;
}
