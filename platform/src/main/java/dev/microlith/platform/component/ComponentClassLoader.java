package dev.microlith.platform.component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The class loader of one deployed component: its own jar, then the jars of its
 * {@code lib/} folder, with the shared API always from the host.
 * <p>
 * The SDK, Reactor, Reactive Streams, SLF4J and Micrometer come from the host even when
 * the component bundles copies, because two copies of a type shared between host and
 * component would fail with {@code LinkageError}. JDK classes come from the platform class
 * loader. Every other class comes from the component's jars only, so a component cannot
 * use the node's internals and two components may bundle different versions of one library.
 * <p>
 * Jars are read through {@link JarFile}s this loader owns (never through
 * {@code JarURLConnection}, whose cache keeps files open), and {@link #close()} closes
 * them. Resource URLs use the scheme {@value #PROTOCOL} and stop working after close.
 */
public final class ComponentClassLoader extends ClassLoader implements AutoCloseable {

	static {
		registerAsParallelCapable();
	}

	/** URL scheme of the component's resources. */
	static final String PROTOCOL = "microlith-component";

	private static final List<String> SHARED_PACKAGES = List.of("dev.microlith.sdk.", "reactor.",
			"org.reactivestreams.", "org.slf4j.", "io.micrometer.");

	private static final List<String> SHARED_RESOURCES = SHARED_PACKAGES.stream()
		.map(name -> name.replace('.', '/'))
		.toList();

	private final String componentName;

	private final ClassLoader host;

	private final List<JarFile> jars;

	private final URLStreamHandler resourceHandler = new ResourceHandler();

	private volatile boolean closed;

	/**
	 * Opens the jars of one deployment.
	 * @param componentName the component's name, used in the loader's name and in errors
	 * @param jars the component's jar first, then its libraries; all are opened here
	 * @param host the node's class loader, which supplies the shared API
	 * @throws UncheckedIOException when a jar cannot be opened; those already opened are closed
	 */
	public ComponentClassLoader(String componentName, List<Path> jars, ClassLoader host) {
		super("component-" + componentName, getPlatformClassLoader());
		this.componentName = componentName;
		this.host = host;
		this.jars = open(jars);
	}

	/** Returns the name of the component this loader belongs to. */
	public String componentName() {
		return this.componentName;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (isShared(name)) {
			return this.host.loadClass(name);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> type = findLoadedClass(name);
			if (type == null) {
				type = loadFromPlatformOrJars(name);
			}
			if (resolve) {
				resolveClass(type);
			}
			return type;
		}
	}

	private Class<?> loadFromPlatformOrJars(String name) throws ClassNotFoundException {
		try {
			return getParent().loadClass(name);
		}
		catch (ClassNotFoundException ex) {
			return findClass(name);
		}
	}

	@Override
	protected Class<?> findClass(String name) throws ClassNotFoundException {
		String entryName = name.replace('.', '/') + ".class";
		for (JarFile jar : this.jars) {
			byte[] bytes = read(jar, entryName);
			if (bytes != null) {
				definePackageFor(name);
				return defineClass(name, bytes, 0, bytes.length);
			}
		}
		throw new ClassNotFoundException(name + " (not in component '" + this.componentName + "' nor in the SDK,"
				+ " Reactor, SLF4J or Micrometer; bundle the library under lib/ in the component jar)");
	}

	private void definePackageFor(String className) {
		int dot = className.lastIndexOf('.');
		if (dot > 0) {
			String packageName = className.substring(0, dot);
			if (getDefinedPackage(packageName) == null) {
				try {
					definePackage(packageName, null, null, null, null, null, null, null);
				}
				catch (IllegalArgumentException ex) {
					// Another thread defined the package first, which is what we wanted.
				}
			}
		}
	}

	@Override
	public URL getResource(String name) {
		if (isSharedResource(name)) {
			return this.host.getResource(name);
		}
		URL own = findResource(name);
		return (own != null) ? own : getParent().getResource(name);
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		if (isSharedResource(name)) {
			return this.host.getResources(name);
		}
		List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
		urls.addAll(Collections.list(getParent().getResources(name)));
		return Collections.enumeration(urls);
	}

	@Override
	protected URL findResource(String name) {
		Enumeration<URL> found = findResources(name);
		return found.hasMoreElements() ? found.nextElement() : null;
	}

	@Override
	protected Enumeration<URL> findResources(String name) {
		List<URL> urls = new ArrayList<>();
		for (int index = 0; index < this.jars.size(); index++) {
			if (!this.closed && this.jars.get(index).getEntry(name) != null) {
				urls.add(resourceUrl(index, name));
			}
		}
		return Collections.enumeration(urls);
	}

	/** Closes every jar; classes not loaded yet can no longer be loaded. */
	@Override
	public void close() {
		this.closed = true;
		IOException failure = null;
		for (JarFile jar : this.jars) {
			try {
				jar.close();
			}
			catch (IOException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw new UncheckedIOException(
					"Failed to close a jar of component '" + this.componentName + "'", failure);
		}
	}

	private byte[] read(JarFile jar, String entryName) throws ClassNotFoundException {
		if (this.closed) {
			throw new ClassNotFoundException(entryName + " (component '" + this.componentName + "' was undeployed)");
		}
		ZipEntry entry = jar.getEntry(entryName);
		if (entry == null) {
			return null;
		}
		try (InputStream in = jar.getInputStream(entry)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new ClassNotFoundException(entryName + " (failed to read " + jar.getName() + ")", ex);
		}
	}

	private URL resourceUrl(int jarIndex, String name) {
		try {
			return new URL(PROTOCOL, this.componentName, -1, "/" + jarIndex + "/" + name, this.resourceHandler);
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Invalid resource name '" + name + "'", ex);
		}
	}

	private static boolean isShared(String className) {
		return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
	}

	private static boolean isSharedResource(String name) {
		return SHARED_RESOURCES.stream().anyMatch(name::startsWith);
	}

	private static List<JarFile> open(List<Path> paths) {
		List<JarFile> opened = new ArrayList<>();
		try {
			for (Path path : paths) {
				opened.add(new JarFile(path.toFile(), false));
			}
			return opened;
		}
		catch (IOException ex) {
			for (JarFile jar : opened) {
				try {
					jar.close();
				}
				catch (IOException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
			throw new UncheckedIOException("Failed to open component jar: " + ex.getMessage(), ex);
		}
	}

	/** Reads resources of this loader's jars; the URL path is {@code /<jar index>/<entry>}. */
	private final class ResourceHandler extends URLStreamHandler {

		@Override
		protected URLConnection openConnection(URL url) throws IOException {
			String path = url.getPath();
			int slash = path.indexOf('/', 1);
			JarFile jar = ComponentClassLoader.this.jars.get(Integer.parseInt(path.substring(1, slash)));
			String entryName = path.substring(slash + 1);
			return new URLConnection(url) {

				@Override
				public void connect() {
				}

				@Override
				public InputStream getInputStream() throws IOException {
					if (ComponentClassLoader.this.closed) {
						throw new IOException("Component '" + ComponentClassLoader.this.componentName
								+ "' was undeployed; its resource " + entryName + " is gone");
					}
					ZipEntry entry = jar.getEntry(entryName);
					if (entry == null) {
						throw new IOException("No entry " + entryName + " in " + jar.getName());
					}
					// Copied so that no stream keeps the jar busy after the caller is done.
					try (InputStream in = jar.getInputStream(entry)) {
						return new ByteArrayInputStream(in.readAllBytes());
					}
				}

			};
		}

	}

}
