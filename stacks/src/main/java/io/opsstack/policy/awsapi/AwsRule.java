package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Finding;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Rule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An AWS API rule (id AWS-SERVICE-NNN): something the AWS API refuses at apply time, halfway through a deploy, and
 * moto accepts, so the rehearsal cannot catch it. Always an error. Each rule names the AWS document it comes from
 * ({@link #source()}) and the error AWS answers with ({@link #awsError()}), and docs/rules.md's catalogue lists them.
 * A subclass checks one resource at a time and returns what is wrong with it; a value Terraform only knows at apply
 * time (a {@code ${...}} reference) is not judged, except the account id, which is always 12 digits.
 */
public abstract class AwsRule implements Rule {

    /** A placeholder of the real length for {@code ${data.aws_caller_identity.X.account_id}}. */
    static final String ACCOUNT = "123456789012";
    private static final Pattern ACCOUNT_REF = Pattern.compile("\\$\\{data\\.aws_caller_identity\\.[^}]+\\.account_id}");

    private final String id;
    private final List<String> types;
    private final String statement;
    private final String awsError;
    private final String source;
    private final String fix;

    protected AwsRule(String id, List<String> types, String statement, String awsError, String source, String fix) {
        this.id = id;
        this.types = types;
        this.statement = statement;
        this.awsError = awsError;
        this.source = source;
        this.fix = fix;
    }

    /** What is wrong with {@code r}, one phrase per problem (empty: it complies). */
    protected abstract List<String> problems(JsonNode body, Resource r, Synthesized s);

    @Override
    public final List<Finding> check(Synthesized synth) {
        List<Finding> out = new ArrayList<>();
        List<Resource> resources = types().contains("*")
                ? synth.all().stream().filter(r -> r.type().startsWith("aws_")).toList()
                : types().stream().flatMap(t -> synth.resources(t).stream()).toList();
        for (Resource r : resources) {
            for (String p : problems(r.body(), r, synth)) {
                out.add(new Finding(this, r.path(), r.type() + " " + r.path() + ": " + p + "; AWS refuses it ("
                        + awsError + ")", null));
            }
        }
        return out;
    }

    /** The field's value as Terraform will send it, or null when absent or only known at apply time. */
    static String literal(JsonNode body, String field) {
        return literal(body.path(field));
    }

    static String literal(JsonNode value) {
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = ACCOUNT_REF.matcher(value.asText()).replaceAll(ACCOUNT);
        return text.contains("${") ? null : text;
    }

    /** A numeric field, or null when absent or a reference. */
    static Integer number(JsonNode body, String field) {
        String text = literal(body, field);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A name rule: length and pattern; the problem, or null. */
    static String name(String what, String value, int max, Pattern pattern, String patternText) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return what + " \"" + value + "\" is " + value.length() + " characters (at most " + max + ")";
        }
        if (value.isEmpty() || !pattern.matcher(value).matches()) {
            return what + " \"" + value + "\" is not " + patternText;
        }
        return null;
    }

    static List<String> list(String... problems) {
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The resource types this rule reads. */
    public List<String> types() {
        return types;
    }

    /** AWS's error code and message, as AWS gives it when known. */
    public String awsError() {
        return awsError;
    }

    /** The AWS document the rule comes from (URL). */
    public String source() {
        return source;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public String explanation() {
        return "The AWS API refuses it at apply time, halfway through a deploy (" + awsError + "), and the emulator"
                + " accepts it, so only this rule stops it before a real account does. Source: " + source;
    }

    @Override
    public String fix() {
        return fix;
    }

    @Override
    public String violation() {
        return "AWS would refuse it: " + Character.toLowerCase(statement.charAt(0)) + statement.substring(1)
                + " is not met";
    }
}
