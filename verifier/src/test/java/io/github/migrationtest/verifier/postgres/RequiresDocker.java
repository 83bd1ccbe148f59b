package io.github.migrationtest.verifier.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs the test only where Docker is found, and says where we looked when it is not. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
@interface RequiresDocker {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            DockerEnvironment docker = DockerEnvironment.ofThisProcess();
            return docker.find()
                    .map(where -> ConditionEvaluationResult.enabled("Docker found: " + where))
                    .orElseGet(() -> ConditionEvaluationResult.disabled(
                            "needs Docker, and none was found: " + docker.describeSearch()));
        }
    }
}
