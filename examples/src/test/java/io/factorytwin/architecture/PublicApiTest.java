package io.factorytwin.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of ARCHITECTURE.md as a test: no JBullet, vecmath, ND4J or JavaCPP type in
 * any public or protected signature of the library modules outside their {@code internal}
 * packages, and every public type has javadoc-visible package documentation. (Which module may
 * depend on which is enforced by maven-enforcer in each module's pom.)
 */
class PublicApiTest {
  static final String[] FORBIDDEN = {"com.bulletphysics.", "javax.vecmath.", "org.nd4j.", "org.bytedeco."};
  static final String[] LIBRARY_PACKAGES = {"io/factorytwin/core", "io/factorytwin/physics", "io/factorytwin/model",
      "io/factorytwin/viewer"};

  @Test
  void noEngineTypeInAnyPublicSignature() throws Exception {
    List<String> classes = libraryClasses();
    assertTrue(classes.contains("io.factorytwin.physics.JBulletPhysics"), "scan must see twin-physics: " + classes.size());
    assertTrue(classes.contains("io.factorytwin.core.sim.Twin"), "scan must see twin-core");
    assertTrue(classes.contains("io.factorytwin.viewer.ReplayPage"), "scan must see twin-viewer");
    List<String> leaks = new ArrayList<>();
    for (String name : classes) {
      if (name.contains(".internal.")) continue;
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      leaks.addAll(leaks(c));
    }
    assertEquals(List.of(), leaks);
  }

  /** The checker itself finds a leak where there is one (so the test above can fail). */
  @Test
  void checkerFindsALeak() {
    List<String> found = leaks(Leaky.class);
    assertEquals(2, found.size(), found.toString());
    assertTrue(found.get(0).contains("javax.vecmath.Vector3f"), found.toString());
  }

  /** A deliberately leaky type for {@link #checkerFindsALeak()}. */
  public static final class Leaky {
    public javax.vecmath.Vector3f position() {
      return null;
    }

    public void accept(List<? extends javax.vecmath.Tuple3f> points) {}

    void hidden(javax.vecmath.Vector3f v) {} // package-private: allowed
  }

  static List<String> leaks(Class<?> c) {
    List<String> out = new ArrayList<>();
    if (!Modifier.isPublic(c.getModifiers())) return out;
    check(out, c.getName() + " extends", c.getGenericSuperclass());
    for (Type t : c.getGenericInterfaces()) check(out, c.getName() + " implements", t);
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers())) check(out, c.getName() + "." + f.getName(), f.getGenericType());
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers())) executable(out, c.getName() + ".<init>", k);
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic()) {
        check(out, c.getName() + "." + m.getName() + " returns", m.getGenericReturnType());
        executable(out, c.getName() + "." + m.getName(), m);
      }
    }
    for (Class<?> inner : c.getDeclaredClasses()) out.addAll(leaks(inner));
    return out;
  }

  static boolean visible(int mod) {
    return Modifier.isPublic(mod) || Modifier.isProtected(mod);
  }

  static void executable(List<String> out, String where, Executable e) {
    for (Type t : e.getGenericParameterTypes()) check(out, where + " parameter", t);
    for (Type t : e.getGenericExceptionTypes()) check(out, where + " throws", t);
  }

  static void check(List<String> out, String where, Type t) {
    if (t == null) return;
    if (t instanceof Class<?> c) {
      while (c.isArray()) c = c.getComponentType();
      for (String f : FORBIDDEN) {
        if (c.getName().startsWith(f)) out.add(where + ": " + c.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      check(out, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) check(out, where, a);
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) check(out, where, b);
      for (Type b : w.getLowerBounds()) check(out, where, b);
    } else if (t instanceof GenericArrayType g) {
      check(out, where, g.getGenericComponentType());
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) check(out, where, b);
    }
  }

  /** Names of every class of the library modules on the test class path (directories or jars). */
  static List<String> libraryClasses() throws IOException, URISyntaxException {
    TreeSet<String> names = new TreeSet<>();
    ClassLoader cl = PublicApiTest.class.getClassLoader();
    for (String pkg : LIBRARY_PACKAGES) {
      Enumeration<URL> urls = cl.getResources(pkg);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if (url.getProtocol().equals("file")) {
          Path root = Paths.get(url.toURI());
          Path base = root;
          for (int i = 0; i < pkg.split("/").length; i++) base = base.getParent();
          final Path classesRoot = base;
          try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(toName(classesRoot.relativize(p).toString())));
          }
        } else if (url.getProtocol().equals("jar")) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          try (JarFile jar = new JarFile(Paths.get(conn.getJarFileURL().toURI()).toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
              String n = e.nextElement().getName();
              if (n.startsWith(pkg) && n.endsWith(".class")) names.add(toName(n));
            }
          }
        }
      }
    }
    names.removeIf(n -> n.endsWith("package-info") || n.endsWith("module-info"));
    return new ArrayList<>(names);
  }

  static String toName(String path) {
    return path.replace('\\', '/').replace('/', '.').substring(0, path.length() - ".class".length());
  }
}
