package io.factorytwin.core.kinematics;

import java.util.List;

/**
 * Thrown by {@link ArmSpec.Builder#build()} with every problem found in an arm description, each
 * naming the element path, the value and the bound (e.g. {@code arm1.joint3.max: -1.0 rad, must be >
 * min 2.0 rad}).
 */
public final class ArmSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  ArmSpecException(String name, List<String> problems) {
    super("arm " + name + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
        + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one line each, in the order the elements were declared. */
  public List<String> problems() {
    return problems;
  }
}
