package dev.forge.plan;

/** A plan breaks one of the rules {@link PlanValidator} checks: a bug in whatever built it, never a user error. */
public final class InvalidPlanException extends RuntimeException {
    public InvalidPlanException(String message) {
        super(message);
    }
}
