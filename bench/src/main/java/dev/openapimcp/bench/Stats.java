package dev.openapimcp.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles (nearest rank) of samples. */
final class Stats {

  private Stats() {}

  static double median(List<Double> samples) {
    return percentile(samples, 50);
  }

  /** Nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it. */
  static double percentile(List<Double> samples, double p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    if (p == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double percentile(long[] nanos, int count, double p) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    if (count == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }
}
