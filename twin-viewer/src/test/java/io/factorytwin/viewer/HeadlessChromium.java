package io.factorytwin.viewer;

import io.factorytwin.model.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket from java.net.http),
 * with the flags the issue names and an empty profile. Collects console errors, uncaught exceptions
 * and log errors, and every request whose URL is not file:, data:, blob: or about:.
 *
 * <p>For tests; confined to one thread (the WebSocket listener runs on the client's thread and
 * only completes futures and appends to synchronised lists).
 */
final class HeadlessChromium implements AutoCloseable {
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> external = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch loaded = new CountDownLatch(1);
  private final int width, height;

  private HeadlessChromium(Process process, Path profile, WebSocket.Builder ws, URI page, int width, int height) {
    this.process = process;
    this.profile = profile;
    this.width = width;
    this.height = height;
    this.socket = ws.buildAsync(page, new Listener()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  static HeadlessChromium launch(Path exe, int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("factorytwin-chromium-");
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.add("--remote-debugging-port=0");
    cmd.add("--window-size=" + width + "," + height);
    cmd.add("--hide-scrollbars");
    cmd.add("about:blank");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (log) {
            if (log.length() < 20000) log.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) endpoint.complete(m.group(1));
        }
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
      endpoint.completeExceptionally(new IllegalStateException("chromium closed its stderr"));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      String ws = endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      URI browser = URI.create(ws);
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
          .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
      String pageWs = null;
      for (Object o : (List<?>) Json.parse(list)) {
        Map<?, ?> t = (Map<?, ?>) o;
        if ("page".equals(t.get("type"))) pageWs = (String) t.get("webSocketDebuggerUrl");
      }
      if (pageWs == null) throw new IllegalStateException("chromium lists no page: " + list);
      return new HeadlessChromium(p, profile, http.newWebSocketBuilder(), URI.create(pageWs), width, height);
    } catch (Exception e) {
      p.destroyForcibly();
      String out;
      synchronized (log) {
        out = log.toString();
      }
      throw new IllegalStateException("chromium did not start its DevTools endpoint: " + e + "\n" + out, e);
    }
  }

  /** Navigates to {@code url}, waits for the load event and for the viewer's first drawn frame. */
  void open(String url) throws Exception {
    call("Runtime.enable", Map.of());
    call("Log.enable", Map.of());
    call("Network.enable", Map.of());
    call("Page.enable", Map.of());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("width", width);
    metrics.put("height", height);
    metrics.put("deviceScaleFactor", 1);
    metrics.put("mobile", false);
    call("Emulation.setDeviceMetricsOverride", metrics);
    loaded = new CountDownLatch(1);
    call("Page.navigate", Map.of("url", url));
    if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("page did not load: " + url);
    long until = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < until) {
      Object n = evaluate("window.factoryTwinReplay ? window.factoryTwinReplay.drawn() : 0");
      if (n instanceof Number d && d.doubleValue() >= 1) return;
      if (!errors.isEmpty()) return; // the caller reports them
      Thread.sleep(100);
    }
  }

  /** The value of a JavaScript expression (returned by value). @throws IllegalStateException on an exception */
  Object evaluate(String expression) throws Exception {
    Map<String, Object> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.containsKey("exceptionDetails")) throw new IllegalStateException("evaluate " + expression + ": " + r.get("exceptionDetails"));
    Map<?, ?> result = (Map<?, ?>) r.get("result");
    return result.get("value");
  }

  /** A PNG of the viewport. */
  byte[] screenshot() throws Exception {
    Map<String, Object> r = call("Page.captureScreenshot", Map.of("format", "png"));
    return Base64.getDecoder().decode((String) r.get("data"));
  }

  /** Console errors, failed assertions, uncaught exceptions and log entries of level error, so far. */
  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** URLs requested that were not file:, data:, blob: or about:. */
  List<String> externalRequests() {
    synchronized (external) {
      return List.copyOf(external);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
    pending.put(id, f);
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("id", id);
    msg.put("method", method);
    msg.put("params", params);
    socket.sendText(Json.write(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Map<String, Object> reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.containsKey("error")) throw new IllegalStateException(method + ": " + reply.get("error"));
    return (Map<String, Object>) reply.get("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String s = text.toString();
        text.setLength(0);
        try {
          handle((Map<?, ?>) Json.parse(s));
        } catch (Json.ParseException e) {
          errors.add("unreadable DevTools message: " + e.getMessage());
        }
      }
      ws.request(1);
      return null;
    }

    @SuppressWarnings("unchecked")
    private void handle(Map<?, ?> m) {
      Object id = m.get("id");
      if (id instanceof Number n) {
        CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
        if (f != null) f.complete((Map<String, Object>) m);
        return;
      }
      String method = String.valueOf(m.get("method"));
      Map<?, ?> p = (Map<?, ?>) m.get("params");
      switch (method) {
        case "Page.loadEventFired" -> loaded.countDown();
        case "Runtime.consoleAPICalled" -> {
          String type = String.valueOf(p.get("type"));
          if (type.equals("error") || type.equals("assert")) errors.add("console." + type + ": " + p.get("args"));
        }
        case "Runtime.exceptionThrown" -> errors.add("exception: " + p.get("exceptionDetails"));
        case "Log.entryAdded" -> {
          Map<?, ?> e = (Map<?, ?>) p.get("entry");
          if ("error".equals(e.get("level"))) errors.add("log: " + e.get("text") + " " + e.get("url"));
        }
        case "Network.requestWillBeSent" -> {
          String url = String.valueOf(((Map<?, ?>) p.get("request")).get("url"));
          if (!(url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:"))) {
            external.add(url);
          }
        }
        default -> { }
      }
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy(); // SIGTERM: Chromium shuts down and its helpers with it
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      children.forEach(ProcessHandle::destroyForcibly);
    } finally {
      process.destroyForcibly();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
