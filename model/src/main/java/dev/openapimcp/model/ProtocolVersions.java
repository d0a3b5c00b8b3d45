package dev.openapimcp.model;

import java.util.List;

/**
 * The MCP protocol versions this project speaks, in one place for the runtime, its tests, the
 * benchmarks and the training run of the Notion launcher.
 *
 * <p>Today one lane serves them all: the MCP Java SDK's {@code initialize} handshake, which
 * negotiates any of {@link #HANDSHAKE} (Streamable HTTP from {@link #MCP_2025_03_26} on, the version
 * that introduced it). A lane for a later protocol belongs beside it, with its own constant here.
 */
public final class ProtocolVersions {

  public static final String MCP_2024_11_05 = "2024-11-05";

  public static final String MCP_2025_03_26 = "2025-03-26";

  public static final String MCP_2025_06_18 = "2025-06-18";

  public static final String MCP_2025_11_25 = "2025-11-25";

  /** The versions the handshake lane negotiates, oldest first: those of the MCP Java SDK 2.1.0. */
  public static final List<String> HANDSHAKE = List.of(MCP_2024_11_05, MCP_2025_03_26, MCP_2025_06_18, MCP_2025_11_25);

  /** The newest version the handshake lane speaks. */
  public static final String LATEST_HANDSHAKE = MCP_2025_11_25;

  /**
   * The version our own clients ask for in {@code initialize}: test clients, benchmarks, the
   * command line's in-process client, the start-up warm-up and the class-data training run. The
   * version real clients sent most when they were written; every lane must keep answering it.
   */
  public static final String CLIENT = MCP_2025_06_18;

  private ProtocolVersions() {}
}
