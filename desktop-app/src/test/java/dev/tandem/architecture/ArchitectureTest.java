package dev.tandem.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md, checked on the compiled production classes of every module
 * (this test lives in desktop-app because only desktop-app sees ot-core, sync-client and
 * room-server together; Maven already forbids the reverse edges, which would be cycles).
 *
 * <pre>
 *   desktop-app → sync-client → ot-core      room-server → ot-core      desktop-app → room-server
 * </pre>
 */
class ArchitectureTest {

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // ot-core's test-jar (PropertyCheck for this module's tests) is on the class path too.
      .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/ot-core/target/test-classes/"))
      .importPackages("dev.tandem");

  /** The operations package imports nothing but the JDK: it is the part every client may port. */
  static final ArchRule OT_USES_ONLY_THE_JDK = classes()
      .that().resideInAPackage("dev.tandem.ot..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tandem.ot..")
      .as("dev.tandem.ot imports only the JDK");

  static final ArchRule OT_CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses()
      .that().resideInAnyPackage("dev.tandem.ot..", "dev.tandem.protocol..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("dev.tandem.sync..", "dev.tandem.server..", "dev.tandem.app..")
      .as("ot-core depends on no other Tandem module");

  static final ArchRule SYNC_CLIENT_HAS_NO_UI = noClasses()
      .that().resideInAPackage("dev.tandem.sync..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("javafx..", "org.fxmisc..", "com.sun.javafx..", "dev.tandem.server..")
      .as("sync-client uses no JavaFX and does not reach into the server");

  static final ArchRule SERVER_HAS_NO_CLIENT_OR_UI = noClasses()
      .that().resideInAPackage("dev.tandem.server..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("javafx..", "org.fxmisc..", "dev.tandem.sync..")
      .as("room-server uses no JavaFX and no sync-client");

  static final ArchRule NOTHING_DEPENDS_ON_THE_APP = noClasses()
      .that().resideOutsideOfPackage("dev.tandem.app..")
      .should().dependOnClassesThat().resideInAPackage("dev.tandem.app..")
      .as("nothing depends on desktop-app");

  /**
   * Exactly one place hops onto the FX thread: {@code FxThread} (its executors, {@code later}).
   * Calls and method references ({@code Platform::runLater}) both count.
   */
  static final ArchRule ONLY_FX_THREAD_HOPS_ONTO_THE_FX_THREAD = classes()
      .that().doNotHaveFullyQualifiedName("dev.tandem.app.fx.FxThread")
      .should(new ArchCondition<JavaClass>("not call or reference Platform.runLater") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
          for (JavaCodeUnitAccess<?> access : item.getCodeUnitAccessesFromSelf()) {
            if (access.getTargetOwner().isEquivalentTo(javafx.application.Platform.class)
                && access.getTarget().getName().equals("runLater")) {
              events.add(SimpleConditionEvent.violated(access, access.getDescription()));
            }
          }
        }
      })
      .as("only dev.tandem.app.fx.FxThread calls Platform.runLater");

  /** View-models hold state and actions, never a Node: they are unit-tested without the toolkit. */
  static final ArchRule VIEW_MODELS_HOLD_NO_NODE = noClasses()
      .that().resideInAPackage("..viewmodel..")
      .should().dependOnClassesThat().areAssignableTo(javafx.scene.Node.class)
      .as("view-models never reference javafx.scene.Node or its subclasses");

  @Test
  void importsEveryModule() {
    // Guards the rules below against passing vacuously on an empty or partial import.
    assertThat(PRODUCTION.containPackage("dev.tandem.ot")).isTrue();
    assertThat(PRODUCTION.containPackage("dev.tandem.protocol")).isTrue();
    assertThat(PRODUCTION.containPackage("dev.tandem.sync")).isTrue();
    assertThat(PRODUCTION.containPackage("dev.tandem.server")).isTrue();
    assertThat(PRODUCTION.containPackage("dev.tandem.app")).isTrue();
  }

  @Test
  void otUsesOnlyTheJdk() {
    OT_USES_ONLY_THE_JDK.check(PRODUCTION);
  }

  @Test
  void otCoreDependsOnNoOtherModule() {
    OT_CORE_DEPENDS_ON_NO_OTHER_MODULE.check(PRODUCTION);
  }

  @Test
  void syncClientHasNoUi() {
    SYNC_CLIENT_HAS_NO_UI.check(PRODUCTION);
  }

  @Test
  void serverHasNoClientOrUi() {
    SERVER_HAS_NO_CLIENT_OR_UI.check(PRODUCTION);
  }

  @Test
  void nothingDependsOnTheApp() {
    NOTHING_DEPENDS_ON_THE_APP.check(PRODUCTION);
  }

  @Test
  void onlyFxThreadHopsOntoTheFxThread() {
    ONLY_FX_THREAD_HOPS_ONTO_THE_FX_THREAD.check(PRODUCTION);
  }

  @Test
  void viewModelsHoldNoNode() {
    assertThat(PRODUCTION.containPackage("dev.tandem.app.viewmodel")).isTrue();
    VIEW_MODELS_HOLD_NO_NODE.check(PRODUCTION);
  }

  @Test
  void theFxRulesCatchViolations() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.tandem.archfixture");
    assertThatThrownBy(() -> ONLY_FX_THREAD_HOPS_ONTO_THE_FX_THREAD.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HopsOntoTheFxThread.byCall")
        .hasMessageContaining("HopsOntoTheFxThread.byReference");
    assertThatThrownBy(() -> VIEW_MODELS_HOLD_NO_NODE.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HoldsALabel")
        .hasMessageContaining("javafx.scene.control.Label");
  }

  @Test
  void theOtRuleCatchesAViolation() {
    // A test-only class in dev.tandem.ot that imports a non-JDK type must be reported.
    JavaClasses fixture = new ClassFileImporter()
        .importPackages("dev.tandem.ot.archfixture");
    assertThat(fixture.size()).isPositive();
    assertThatThrownBy(() -> OT_USES_ONLY_THE_JDK.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ImportsJavaFx");
    assertThatThrownBy(() -> NOTHING_DEPENDS_ON_THE_APP.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("dev.tandem.app");
  }
}
