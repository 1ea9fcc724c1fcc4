package dev.frontdoor.infra.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code threads} callers, each issuing its next call as soon as the last one
 * answers, for a warm-up and then a measured window. Only calls that complete inside the window
 * count. Process CPU time, and each thread's CPU time grouped by what the thread does, are taken at
 * the edges of the window, so that the result says where the machine's time went.
 */
final class LoadPhase {
  /** One call; {@code null} when it succeeded, else a short description of the failure. */
  interface Call {
    String call(int thread, long seq) throws Exception;
  }

  /** Totals over one measured window, or several merged; rates and percentiles derived. */
  record Result(
      String name,
      int threads,
      long ok,
      long errors,
      long windowNanos,
      long[] sortedLatencies,
      long processCpuNanos,
      Map<String, Long> cpuNanosByGroup,
      Map<String, Long> errorKinds,
      String firstError,
      List<Double> sliceRates) {

    double seconds() {
      return windowNanos / 1e9;
    }

    double perSecond() {
      return ok / seconds();
    }

    double p50Ms() {
      return percentile(sortedLatencies, 0.50);
    }

    double p99Ms() {
      return percentile(sortedLatencies, 0.99);
    }

    double cpuCores() {
      return processCpuNanos / (double) windowNanos;
    }

    double cpuUsPerOp() {
      return processCpuNanos / 1e3 / Math.max(1, ok + errors);
    }

    /** CPU per operation by thread group, largest first. */
    Map<String, Double> cpuUsPerOpByGroup() {
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(cpuNanosByGroup.entrySet());
      sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      Map<String, Double> usPerOp = new LinkedHashMap<>();
      for (Map.Entry<String, Long> entry : sorted) {
        usPerOp.put(entry.getKey(), entry.getValue() / 1e3 / Math.max(1, ok + errors));
      }
      return usPerOp;
    }

    /** Several windows of the same load as one. */
    static Result merge(List<Result> slices) {
      Result first = slices.get(0);
      long ok = 0;
      long errors = 0;
      long window = 0;
      long cpu = 0;
      long[] latencies = new long[0];
      Map<String, Long> groups = new HashMap<>();
      Map<String, Long> kinds = new LinkedHashMap<>();
      String firstError = null;
      List<Double> rates = new ArrayList<>();
      for (Result slice : slices) {
        ok += slice.ok();
        errors += slice.errors();
        window += slice.windowNanos();
        cpu += slice.processCpuNanos();
        int from = latencies.length;
        latencies = Arrays.copyOf(latencies, from + slice.sortedLatencies().length);
        System.arraycopy(
            slice.sortedLatencies(), 0, latencies, from, slice.sortedLatencies().length);
        slice.cpuNanosByGroup().forEach((group, nanos) -> groups.merge(group, nanos, Long::sum));
        slice.errorKinds().forEach((kind, count) -> kinds.merge(kind, count, Long::sum));
        firstError = firstError == null ? slice.firstError() : firstError;
        rates.addAll(slice.sliceRates());
      }
      Arrays.sort(latencies);
      return new Result(
          first.name(),
          first.threads(),
          ok,
          errors,
          window,
          latencies,
          cpu,
          groups,
          kinds,
          firstError,
          rates);
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean stop;
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  private volatile String firstError;

  private LoadPhase() {}

  static Result run(String name, int threadCount, double warmupSeconds, double seconds, Call call)
      throws InterruptedException {
    return new LoadPhase().execute(name, threadCount, warmupSeconds, seconds, call);
  }

  private Result execute(
      String name, int threadCount, double warmupSeconds, double seconds, Call call)
      throws InterruptedException {
    Worker[] workers = new Worker[threadCount];
    for (int i = 0; i < threadCount; i++) {
      workers[i] = new Worker(i, call);
      workers[i].setName("bench-" + name + "-" + i);
      workers[i].setDaemon(true);
      workers[i].start();
    }
    sleep(warmupSeconds);
    Map<Long, Sample> threadCpu0 = threadCpu();
    long cpu0 = OS.getProcessCpuTime();
    long start = System.nanoTime();
    windowStart = start;
    sleep(seconds);
    long end = System.nanoTime();
    windowEnd = end;
    long cpu1 = OS.getProcessCpuTime();
    Map<Long, Sample> threadCpu1 = threadCpu();
    stop = true;
    for (Worker worker : workers) {
      worker.join(30_000);
    }

    long ok = 0;
    long errors = 0;
    long[] latencies = new long[0];
    for (Worker worker : workers) {
      ok += worker.ok;
      errors += worker.errors;
      int from = latencies.length;
      latencies = Arrays.copyOf(latencies, from + worker.count);
      System.arraycopy(worker.latencies, 0, latencies, from, worker.count);
    }
    Arrays.sort(latencies);
    Map<String, Long> kinds = new LinkedHashMap<>();
    errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
    return new Result(
        name,
        threadCount,
        ok,
        errors,
        end - start,
        latencies,
        cpu1 - cpu0,
        groups(threadCpu0, threadCpu1, cpu1 - cpu0),
        kinds,
        firstError,
        List.of(ok / ((end - start) / 1e9)));
  }

  private final class Worker extends Thread {
    private final int index;
    private final Call call;
    long ok;
    long errors;
    long[] latencies = new long[4096];
    int count;

    Worker(int index, Call call) {
      this.index = index;
      this.call = call;
    }

    @Override
    public void run() {
      long seq = 0;
      while (!stop) {
        long t0 = System.nanoTime();
        String error;
        try {
          error = call.call(index, seq++);
        } catch (Exception e) {
          error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long t1 = System.nanoTime();
        if (t1 < windowStart || t1 >= windowEnd) {
          continue;
        }
        if (error == null) {
          ok++;
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = t1 - t0;
        } else {
          errors++;
          errorKinds.computeIfAbsent(kind(error), k -> new LongAdder()).increment();
          if (firstError == null) {
            firstError = error;
          }
        }
      }
    }
  }

  /** "http 503: {...}" counts as "http 503"; an exception by its class. */
  private static String kind(String error) {
    int colon = error.indexOf(':');
    return colon < 0 ? error : error.substring(0, colon);
  }

  /** Each live thread's CPU time, keyed by id and role (names are read now: threads end). */
  private static Map<Long, Sample> threadCpu() {
    Map<Long, Sample> cpu = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long time = THREADS.getThreadCpuTime(ids[i]);
      if (time >= 0 && infos[i] != null) {
        cpu.put(ids[i], new Sample(group(infos[i].getThreadName()), time));
      }
    }
    return cpu;
  }

  private record Sample(String group, long cpuNanos) {}

  /** CPU by thread group; what no live Java thread accounts for is "jvm_and_other". */
  private static Map<String, Long> groups(
      Map<Long, Sample> before, Map<Long, Sample> after, long processCpu) {
    Map<String, Long> byGroup = new HashMap<>();
    long accounted = 0;
    for (Map.Entry<Long, Sample> entry : after.entrySet()) {
      Sample earlier = before.get(entry.getKey());
      long delta = entry.getValue().cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
      if (delta <= 0) {
        continue;
      }
      byGroup.merge(entry.getValue().group(), delta, Long::sum);
      accounted += delta;
    }
    // Threads that ended inside the window, garbage collection, the JIT compilers, the VM itself.
    byGroup.merge("jvm_and_other", Math.max(0, processCpu - accounted), Long::sum);
    return byGroup;
  }

  /** A thread's role, from the names the JDK, Jetty and the gateway give their threads. */
  static String group(String threadName) {
    if (threadName.startsWith("bench-")) {
      return "load_client";
    }
    if (threadName.startsWith("HttpClient-")) {
      return "jdk_http_client";
    }
    if (threadName.startsWith("HTTP-Dispatcher")) {
      return "gateway_http_server";
    }
    if (threadName.matches("pool-\\d+-thread-\\d+")) {
      return "gateway_handlers";
    }
    if (threadName.startsWith("elasticmq")) {
      return "elasticmq";
    }
    return threadName.replaceAll("\\d+", "#").replaceAll("[^A-Za-z#_.-]", "_");
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void sleep(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
  }
}
