package io.opsstack.drift;

import java.util.List;

/**
 * One stack's drift check.
 *
 * @param stack   the stack id
 * @param status  the outcome
 * @param items   the drift found (empty unless DRIFTED)
 * @param pending what an apply would change that is not drift: the configuration differs from the last deploy
 *                (address and actions, e.g. {@code aws_instance.x update}); from the normal plan
 * @param error   why the check failed (ERROR only), else null
 */
public record StackDrift(String stack, Status status, List<DriftItem> items, List<String> pending, String error) {

    public StackDrift {
        items = List.copyOf(items);
        pending = List.copyOf(pending);
    }

    public enum Status {
        CLEAN("no drift"),
        DRIFTED("drift found"),
        NOT_DEPLOYED("not deployed (its state holds no resource)"),
        ERROR("check failed");

        public final String label;

        Status(String label) {
            this.label = label;
        }
    }

    static StackDrift error(String stack, String error) {
        return new StackDrift(stack, Status.ERROR, List.of(), List.of(), error);
    }
}
