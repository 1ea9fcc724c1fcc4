package dev.frontdoor.infra.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link ColdStartBench}: what Lambda's runtime does on a cold start, and nothing
 * more. It loads the handler class (from the Lambda jar, first on the classpath), constructs it
 * with its public no-arg constructor (which reads the process environment), and hands it one event;
 * it prints the wall-clock time at {@code main}, after the constructor and after the first event.
 * Several {@code handler event timeoutMillis} triples run one after another in the same JVM (the
 * training run of a class data sharing archive). Only JDK classes and the Lambda jar's are used
 * here.
 */
public final class ColdStartLauncher {
  private ColdStartLauncher() {}

  public static void main(String[] args) throws Exception {
    long main = System.currentTimeMillis();
    // Printed after the measured span: the first string concatenation or lambda in a JVM costs a
    // bootstrap (about 10 ms of CPU) that is the bench's reporting, not the function's work.
    List<String> report = new ArrayList<>();
    for (int i = 0; i + 2 < args.length; i += 3) {
      byte[] event = Files.readAllBytes(Path.of(args[i + 1]));
      long before = i == 0 ? main : System.currentTimeMillis();
      RequestStreamHandler handler =
          (RequestStreamHandler) Class.forName(args[i]).getDeclaredConstructor().newInstance();
      long constructed = System.currentTimeMillis();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(event), out, new BenchContext(Long.parseLong(args[i + 2])));
      long handled = System.currentTimeMillis();
      report.add(args[i]);
      report.add(Long.toString(before));
      report.add(Long.toString(constructed));
      report.add(Long.toString(handled));
      report.add(out.toString(StandardCharsets.UTF_8));
    }
    // The CPU the JVM used up to the last event handled (all its threads: JIT, GC too).
    long cpu = cpuMillis();
    for (int i = 0; i + 4 < report.size(); i += 5) {
      System.out.println(
          "COLDSTART handler="
              + report.get(i)
              + " main_ms="
              + report.get(i + 1)
              + " constructed_ms="
              + report.get(i + 2)
              + " handled_ms="
              + report.get(i + 3));
      System.out.println("COLDSTART_OUTPUT " + report.get(i + 4));
    }
    System.out.println("COLDSTART cpu_ms=" + cpu);
    if (Boolean.getBoolean("coldstart.threads")) {
      printThreadCpu();
    }
    System.out.flush();
    // The sender keeps group threads; Lambda freezes the environment rather than waiting for them.
    System.exit(0);
  }

  /**
   * With {@code -Dcoldstart.threads=true} (attribution only, after the measured span): each
   * thread's CPU from /proc (compiler and GC threads included), in clock ticks of 10 ms.
   */
  private static void printThreadCpu() throws java.io.IOException {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat = Files.readString(task.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (ticks > 0) {
          System.out.println("COLDSTART_THREAD " + name.replace(' ', '_') + " ticks=" + ticks);
        }
      }
    }
  }

  static long cpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
  }

  /** The Lambda context of the one invocation: the function's timeout left. */
  private static final class BenchContext implements Context {
    private final long deadline;

    BenchContext(long timeoutMillis) {
      this.deadline = System.currentTimeMillis() + timeoutMillis;
    }

    @Override
    public String getAwsRequestId() {
      return "coldstart-request";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/coldstart";
    }

    @Override
    public String getLogStreamName() {
      return "coldstart";
    }

    @Override
    public String getFunctionName() {
      return "coldstart";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:af-south-1:000000000000:function:coldstart";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new StdoutLogger();
    }
  }

  private static final class StdoutLogger implements LambdaLogger {
    @Override
    public void log(String message) {
      System.out.println(message);
    }

    @Override
    public void log(byte[] message) {
      System.out.println(new String(message, StandardCharsets.UTF_8));
    }
  }
}
