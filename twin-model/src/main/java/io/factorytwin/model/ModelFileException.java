package io.factorytwin.model;

import java.io.IOException;

/**
 * A model directory that {@link ModelFiles#read} refuses: a missing file, a checksum mismatch, a
 * truncated or malformed file, an unknown format or a newer format version, or a channel schema
 * other than the expected one. The message names the file and the problem, with the expected and
 * found values.
 */
public final class ModelFileException extends IOException {
  private final String file;

  /**
   * @param file    the file's name within the model directory (e.g. {@code "member-2.bin"})
   * @param problem what is wrong, with the expected and found values
   */
  ModelFileException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The name of the refused file within the model directory. */
  public String file() {
    return file;
  }
}
