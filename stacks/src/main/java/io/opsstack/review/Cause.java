package io.opsstack.review;

import java.util.List;

/**
 * One cause of resource changes: a setting of an environment file (network.cidr), a removed environment, or,
 * without the environment files, the attributes that changed. {@code paths}: the resources it changes, its blast
 * radius included; {@code consequences}: sorted, the first is what the headline leads with; {@code notes}: the
 * review rules that apply, each said once here.
 */
public record Cause(String label, String effect, List<Consequence> consequences, List<String> paths,
                    List<Note> notes) {

    /** "network.cidr changed (a -> b): the VPC ... are replaced; outage; refused apply: ..." */
    public String headline() {
        StringBuilder out = new StringBuilder(label).append(": ").append(effect);
        for (Consequence c : consequences) {
            List<String> phrases = notes.stream().filter(n -> n.consequence() == c).map(Note::headline).distinct()
                    .toList();
            if (phrases.isEmpty()) {
                if (c != Consequence.OTHER) {
                    out.append("; ").append(c.label);
                }
            } else {
                out.append("; ").append(c == Consequence.OTHER ? "" : c.label + ": ")
                        .append(String.join("; ", phrases));
            }
        }
        return out.toString();
    }

    public Consequence first() {
        return consequences.get(0);
    }
}
