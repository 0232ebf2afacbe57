package org.mageos.distribution.core.version;

import java.util.ArrayList;
import java.util.List;

/** Several constraints joined by AND (conjunctive) or OR; Composer's {@code MultiConstraint}. */
public final class MultiConstraint implements Constraint {

    private final List<Constraint> constraints;
    private final boolean conjunctive;

    public MultiConstraint(List<Constraint> constraints, boolean conjunctive) {
        this.constraints = List.copyOf(constraints);
        this.conjunctive = conjunctive;
    }

    /** Composer's {@code MultiConstraint::create}: collapses trivial groups and the common {@code ~1 || ^2} shape. */
    public static Constraint create(List<Constraint> constraints, boolean conjunctive) {
        if (constraints.isEmpty()) {
            return Constraint.MATCH_ALL;
        }
        if (constraints.size() == 1) {
            return constraints.get(0);
        }
        List<Constraint> optimized = optimizeConstraints(constraints, conjunctive);
        if (optimized != null) {
            if (optimized.size() == 1) {
                return optimized.get(0);
            }
            return new MultiConstraint(optimized, false);
        }
        return new MultiConstraint(constraints, conjunctive);
    }

    /**
     * Merges a disjunction of conjunctive ranges where one range's upper bound equals the next one's lower
     * bound ({@code [>= 1 < 2] || [>= 2 < 3]} becomes {@code [>= 1 < 3]}), as composer/semver does.
     */
    private static List<Constraint> optimizeConstraints(List<Constraint> constraints, boolean conjunctive) {
        if (conjunctive) {
            return null;
        }
        List<Constraint> left = new ArrayList<>();
        Constraint current = constraints.get(0);
        boolean mergedAny = false;
        for (int i = 1; i < constraints.size(); i++) {
            Constraint right = constraints.get(i);
            if (current instanceof MultiConstraint && right instanceof MultiConstraint) {
                MultiConstraint l = (MultiConstraint) current;
                MultiConstraint r = (MultiConstraint) right;
                if (l.conjunctive && r.conjunctive && l.constraints.size() == 2 && r.constraints.size() == 2) {
                    String left0 = l.constraints.get(0).toString();
                    String left1 = l.constraints.get(1).toString();
                    String right0 = r.constraints.get(0).toString();
                    String right1 = r.constraints.get(1).toString();
                    if (left0.startsWith(">=") && left1.startsWith("<") && right0.startsWith(">=")
                            && right1.startsWith("<") && left1.substring(2).equals(right0.substring(3))) {
                        current = new MultiConstraint(List.of(l.constraints.get(0), r.constraints.get(1)), true);
                        mergedAny = true;
                        continue;
                    }
                }
            }
            left.add(current);
            current = right;
        }
        if (!mergedAny) {
            return null;
        }
        left.add(current);
        return left;
    }

    public boolean isConjunctive() {
        return conjunctive;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    @Override
    public boolean matches(String normalizedVersion) {
        if (conjunctive) {
            for (Constraint c : constraints) {
                if (!c.matches(normalizedVersion)) {
                    return false;
                }
            }
            return true;
        }
        for (Constraint c : constraints) {
            if (c.matches(normalizedVersion)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < constraints.size(); i++) {
            if (i > 0) {
                sb.append(conjunctive ? " " : " || ");
            }
            sb.append(constraints.get(i));
        }
        return sb.append(']').toString();
    }
}
