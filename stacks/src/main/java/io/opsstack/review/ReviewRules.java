package io.opsstack.review;

import io.opsstack.review.rules.CannotMoveVpc;
import io.opsstack.review.rules.FinalSnapshotName;
import io.opsstack.review.rules.HostsMustReconnect;
import io.opsstack.review.rules.MigrationsStay;
import io.opsstack.review.rules.Promotion;
import io.opsstack.review.rules.ProtectedDestroyed;
import io.opsstack.review.rules.ReplicaSourceOnStandalone;
import io.opsstack.review.rules.RestorePoint;
import io.opsstack.review.rules.StandbyLosesSource;
import io.opsstack.review.rules.StorageCooldown;

import java.util.List;

/** Every review rule: the applies AWS refuses first, then the impact notes. docs/review.md lists them. */
public final class ReviewRules {

    public static final List<ReviewRule> ALL = List.of(
            new CannotMoveVpc(),
            new ReplicaSourceOnStandalone(),
            new ProtectedDestroyed(),
            new FinalSnapshotName(),
            new RestorePoint(),
            new HostsMustReconnect(),
            new StandbyLosesSource(),
            new Promotion(),
            new MigrationsStay(),
            new StorageCooldown());

    private ReviewRules() {
    }
}
