package io.opsstack.drift;

import java.util.List;

/** An environment's drift check: every stack checked, in deploy order. */
public record DriftReport(String environment, List<StackDrift> stacks) {

    /** Exit code of {@code opsstack drift}: 0 no drift, 2 drift found, 1 a stack could not be checked. */
    public static final int CLEAN = 0;
    public static final int ERROR = 1;
    public static final int DRIFTED = 2;

    public DriftReport {
        stacks = List.copyOf(stacks);
    }

    public List<DriftItem> items() {
        return stacks.stream().flatMap(s -> s.items().stream()).toList();
    }

    /** 1 when any stack could not be checked (its drift is unknown), else 2 when any drifted, else 0. */
    public int exitCode() {
        if (stacks.stream().anyMatch(s -> s.status() == StackDrift.Status.ERROR)) {
            return ERROR;
        }
        return items().isEmpty() ? CLEAN : DRIFTED;
    }
}
