package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.qrbeam.protocol.message.Action;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * relay/aws agrees with the code: the handler, jar, routes, environment and table the template names are the ones
 * the code has; the scripts pass ShellCheck and the template passes cfn-lint (when those tools are installed;
 * .ci/setup-aws.sh installs them). Deploying itself needs an AWS account and is not run here.
 */
@Timeout(300)
class DeploymentAsCodeTest {
    private static final Path AWS_DIR = Path.of("aws");

    private static String template() throws IOException {
        return Files.readString(AWS_DIR.resolve("template.yaml"), StandardCharsets.UTF_8);
    }

    private static Set<String> all(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void handlerNamedByTheTemplateIsTheLambdaEntryPoint() throws Exception {
        Matcher m = Pattern.compile("Handler: ([\\w.]+)::(\\w+)").matcher(template());
        assertThat(m.find()).isTrue();
        Class<?> handler = Class.forName(m.group(1));
        assertThat(RequestHandler.class.isAssignableFrom(handler)).isTrue();
        assertThat(handler.getConstructor()).isNotNull();
        assertThat(Arrays.stream(handler.getMethods()).map(java.lang.reflect.Method::getName))
                .contains(m.group(2));
    }

    @Test
    void codeUriIsTheShadedLambdaJarMavenBuilds() throws Exception {
        Matcher m = Pattern.compile("CodeUri: \\.\\./target/(\\S+)").matcher(template());
        assertThat(m.find()).isTrue();
        assertThat(Files.readString(Path.of("pom.xml"))).contains("${project.build.directory}/" + m.group(1));
    }

    @Test
    void routesAreTheRelayActionsPlusTheGatewayRoutes() throws Exception {
        Set<String> routes = all(Pattern.compile("RouteKey: \"?([$\\w]+)\"?"), template());
        Set<String> actions = Arrays.stream(Action.values())
                .filter(Action::acceptedFromClient)
                .map(Action::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(actions);
        expected.addAll(Set.of("$connect", "$disconnect", "$default"));
        assertThat(routes).isEqualTo(expected);
        assertThat(new TreeSet<>(GatewayBehaviour.aws(null, null).routeKeys()))
                .as("the local stand-in selects the same routes")
                .isEqualTo(actions);
        assertThat(template())
                .contains("ProtocolType: WEBSOCKET", "RouteSelectionExpression: \"$request.body.action\"");
    }

    @Test
    void functionEnvironmentTableAndPermissionsMatchTheCode() throws Exception {
        String t = template();
        assertThat(t).contains("TABLE_NAME:", "MANAGEMENT_ENDPOINT:", "RELAY_KEY:");
        assertThat(t).contains("AttributeName: pk", "KeyType: HASH", "TimeToLiveSpecification:", "AttributeName: ttl");
        assertThat(t).contains("Action: execute-api:ManageConnections", "DynamoDBCrudPolicy:");
        assertThat(t).contains("Principal: apigateway.amazonaws.com");
    }

    @Test
    void scriptsPassShellCheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck not installed (.ci/setup-aws.sh installs it)");
        assertThat(run("shellcheck", "aws/deploy.sh", "aws/teardown.sh", "../.ci/setup-aws.sh"))
                .isEqualTo(0);
        assertThat(Files.isExecutable(AWS_DIR.resolve("deploy.sh"))).isTrue();
        assertThat(Files.isExecutable(AWS_DIR.resolve("teardown.sh"))).isTrue();
    }

    @Test
    void templatePassesCfnLint() throws Exception {
        assumeTrue(onPath("cfn-lint"), "cfn-lint not installed (.ci/setup-aws.sh tries pip)");
        assertThat(run("cfn-lint", "aws/template.yaml")).isEqualTo(0);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> new File(dir, command).canExecute());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish");
        }
        return p.exitValue();
    }
}
