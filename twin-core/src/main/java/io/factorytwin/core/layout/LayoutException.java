package io.factorytwin.core.layout;

import java.util.List;

/**
 * Thrown by {@link LayoutBuilder#build()} with every problem found in the layout, each naming the
 * element path, the value and the bound (e.g. {@code layout.box3.mass: -2.0 kg, must be > 0 and finite}).
 */
public final class LayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  LayoutException(String layoutName, List<String> problems) {
    super("layout " + layoutName + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one line each, in the order the elements were declared. */
  public List<String> problems() {
    return problems;
  }
}
