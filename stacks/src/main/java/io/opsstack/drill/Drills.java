package io.opsstack.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of runbook drills, in the order {@code opsstack drill} runs them (like the policy rules: one small
 * class per procedure). The restores run after the rollout and scaling so that the restored instance is the one the
 * remaining drills see; snapshot-restore then point-in-time-restore replace the database twice, which is the
 * regression of the fixed final snapshot name (issue 22: a second restore stopped at DBSnapshotAlreadyExists).
 */
public final class Drills {

    private final Map<String, Drill> byId = new LinkedHashMap<>();

    public Drills(ProcedureDocs docs) {
        for (Drill d : List.of(new RolloutRollback(docs), new Scale(docs), new LostHost(docs), new SnapshotRestore(docs),
                new PointInTimeRestore(docs))) {
            byId.put(d.id(), d);
        }
    }

    /** Every drill, in run order. */
    public List<Drill> all() {
        return List.copyOf(byId.values());
    }

    /** The ids, in run order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The drills named (in registry order; empty: all); an unknown id is refused with the list. */
    public List<Drill> byId(List<String> ids) throws DrillException {
        if (ids == null || ids.isEmpty()) {
            return all();
        }
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DrillException("unknown procedure " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", byId.keySet()) + ")");
        }
        return byId.values().stream().filter(d -> ids.contains(d.id())).toList();
    }
}
