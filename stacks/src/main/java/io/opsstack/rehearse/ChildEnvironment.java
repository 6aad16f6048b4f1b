package io.opsstack.rehearse;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rehearsal's child processes (terraform, the emulator) may see of this machine: a small allow-list of
 * the user's variables, never an {@code AWS_*} one, and fake keys with every AWS config and credentials file
 * pointed at an empty file in the scratch folder. So no profile, SSO session, role or key of the user's can reach
 * the provider, whatever the shell had.
 */
public final class ChildEnvironment {

    /** The user's variables a child may inherit: what finds programs, and the locale. Nothing else. */
    static final List<String> INHERITED = List.of("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "PYENV_ROOT",
            "PYENV_VERSION", "VIRTUAL_ENV", "SYSTEMROOT");

    private ChildEnvironment() {
    }

    /**
     * @param user    the user's environment (System.getenv())
     * @param scratch the rehearsal's scratch folder: HOME and the empty AWS files live there
     * @param extra   variables the rehearsal sets itself (TF_CLI_CONFIG_FILE, ...); AWS_* among them are refused
     */
    static Map<String, String> of(Map<String, String> user, Path scratch, Map<String, String> extra) {
        Map<String, String> env = new TreeMap<>();
        for (String name : INHERITED) {
            if (user.containsKey(name)) {
                env.put(name, user.get(name));
            }
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (e.getKey().startsWith("AWS_")) {
                throw new IllegalArgumentException("the rehearsal sets the AWS_* variables itself: " + e.getKey());
            }
            env.put(e.getKey(), e.getValue());
        }
        env.put("HOME", scratch.resolve("home").toString());
        env.put("AWS_ACCESS_KEY_ID", Overrides.FAKE_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Overrides.FAKE_SECRET_KEY);
        env.put("AWS_CONFIG_FILE", scratch.resolve("home/aws-config-empty").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("home/aws-credentials-empty").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_IN_AUTOMATION", "1");
        return env;
    }

    /** Applies {@link #of} to a process builder: its inherited environment is cleared first. */
    static void apply(ProcessBuilder pb, Map<String, String> env) {
        pb.environment().clear();
        pb.environment().putAll(env);
    }

    /**
     * Accepts only an http(s) URL whose host is a loopback address (127.0.0.0/8, ::1, or a name that resolves
     * only to loopback, like localhost): the rehearsal must never talk to anything but an emulator on this machine.
     */
    static String loopbackEndpoint(String url) throws RehearsalException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RehearsalException("--endpoint " + url + ": not a URL (" + e.getReason() + ")");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new RehearsalException("--endpoint " + url + ": give an http URL of an emulator on this machine,"
                    + " e.g. http://127.0.0.1:4566");
        }
        if (uri.getUserInfo() != null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            throw new RehearsalException("--endpoint " + url + ": give scheme, host and port only");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RehearsalException("--endpoint " + url + ": unknown host " + uri.getHost());
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                throw new RehearsalException("--endpoint " + url + ": " + uri.getHost() + " is " + a.getHostAddress()
                        + ", not a loopback address; the rehearsal only talks to an emulator on this machine"
                        + " (127.0.0.1, ::1, localhost) so that it can never reach a real AWS account");
            }
        }
        return uri.getScheme() + "://" + uri.getHost().replace("[", "").replace("]", "").transform(
                h -> h.contains(":") ? "[" + h + "]" : h) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
