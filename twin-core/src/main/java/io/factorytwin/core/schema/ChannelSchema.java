package io.factorytwin.core.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of named channels with units. The compiled layout has one for its state and one
 * for its actions; telemetry, datasets, models and rollouts speak these names.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChannelSchema {
  private final List<Channel> channels;
  private final Map<String, Channel> byName;

  private ChannelSchema(List<Channel> channels) {
    this.channels = List.copyOf(channels);
    Map<String, Channel> m = new HashMap<>();
    for (Channel c : channels) {
      if (m.put(c.name(), c) != null) {
        throw new IllegalArgumentException("channel " + c.name() + ": declared twice");
      }
    }
    this.byName = Map.copyOf(m);
  }

  /** A builder that numbers channels in the order they are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** The channels in order. */
  public List<Channel> channels() {
    return channels;
  }

  /** Number of channels. */
  public int size() {
    return channels.size();
  }

  /** The channel at {@code index}. */
  public Channel get(int index) {
    return channels.get(index);
  }

  /**
   * The index of the channel called {@code name}.
   *
   * @throws IllegalArgumentException naming the channel when there is none
   */
  public int indexOf(String name) {
    Channel c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("channel " + name + ": not in this schema of " + size() + " channels");
    }
    return c.index();
  }

  /** True when the schema has a channel called {@code name}. */
  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelSchema s && s.channels.equals(channels);
  }

  @Override
  public int hashCode() {
    return channels.hashCode();
  }

  @Override
  public String toString() {
    return channels.toString();
  }

  /** Collects channels; confined to one thread. */
  public static final class Builder {
    private final List<Channel> list = new ArrayList<>();

    private Builder() {}

    /** Appends {@code name [unit]}. */
    public Builder add(String name, String unit) {
      list.add(new Channel(name, unit, list.size()));
      return this;
    }

    /** The schema; throws if a name repeats. */
    public ChannelSchema build() {
      return new ChannelSchema(list);
    }
  }
}
