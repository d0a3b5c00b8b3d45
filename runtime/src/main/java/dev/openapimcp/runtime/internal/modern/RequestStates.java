package dev.openapimcp.runtime.internal.modern;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code requestState} of a confirmation question (2026-07-28 multi round-trip requests): it
 * travels through the client, which the specification makes attacker-controlled input ("servers
 * MUST protect its integrity (e.g. HMAC or AEAD) and MUST reject state that fails verification",
 * basic/patterns/mrtr.mdx). A state says "the user was asked about tool T with arguments A" and is
 * signed with HMAC-SHA256, bound to the tool's name and a digest of the exact arguments, valid for
 * {@link #LIFETIME_MILLIS}, and accepted as a confirmation once only by the process that verifies
 * it. The key is the configured one ({@code --state-key}), which replicas behind a load balancer
 * share so each verifies the others' states, or else one drawn at random when the process starts,
 * so a state from another process (a restart, another replica) fails verification.
 */
final class RequestStates {

  /** How long the user has to answer. */
  static final long LIFETIME_MILLIS = 10 * 60 * 1000;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  /** Nonces of states already used for a confirmed call, until they expire. */
  private final Map<String, Long> used = new ConcurrentHashMap<>();

  /**
   * @param secret the key, or {@code null} for one drawn at random
   * @param clock the time in milliseconds
   */
  RequestStates(byte[] secret, LongSupplier clock) {
    byte[] keyBytes = secret;
    if (keyBytes == null) {
      keyBytes = new byte[32];
      random.nextBytes(keyBytes);
    }
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    this.clock = clock;
  }

  /** A verified state. */
  record State(String nonce, long expiresAt) {}

  /** A new state for a question about {@code tool} called with {@code canonicalArguments}. */
  String issue(String tool, byte[] canonicalArguments) {
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String payload = String.join("|", "v1", ENCODER.encodeToString(nonceBytes),
        Long.toString(clock.getAsLong() + LIFETIME_MILLIS), digest(tool, canonicalArguments));
    byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(sign(payloadBytes));
  }

  /**
   * The state {@code text} when this process issued it for {@code tool} and these exact arguments,
   * it has not expired and has not confirmed a call yet; {@code null} otherwise.
   */
  State verify(String text, String tool, byte[] canonicalArguments) {
    int dot = text.indexOf('.');
    if (dot <= 0 || text.length() > 1024) {
      return null;
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(text.substring(0, dot));
      signature = DECODER.decode(text.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      return null;
    }
    String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
    if (fields.length != 4 || !fields[0].equals("v1") || !fields[3].equals(digest(tool, canonicalArguments))) {
      return null;
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(fields[2]);
    } catch (NumberFormatException e) {
      return null;
    }
    long now = clock.getAsLong();
    if (now > expiresAt || used.containsKey(fields[1])) {
      return null;
    }
    return new State(fields[1], expiresAt);
  }

  /**
   * Marks {@code state} as spent on a confirmed call; {@code false} when another request spent it
   * first (two retries racing).
   */
  boolean spend(State state) {
    long now = clock.getAsLong();
    used.values().removeIf(expiry -> expiry < now);
    return used.putIfAbsent(state.nonce(), state.expiresAt()) == null;
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String digest(String tool, byte[] canonicalArguments) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(tool.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(canonicalArguments);
      return HexFormat.of().formatHex(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
