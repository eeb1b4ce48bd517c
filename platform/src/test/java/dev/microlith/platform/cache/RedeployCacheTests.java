package dev.microlith.platform.cache;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caches across a redeploy: two class loaders over the same compiled component class, as
 * the component runtime creates them for two deploys of one jar.
 */
class RedeployCacheTests {

	private static final String CITY = "com.example.geo.City";

	@TempDir
	static Path compiled;

	private static Path classes;

	@TempDir
	Path directory;

	private CacheService service;

	@BeforeAll
	static void compileComponentClass() throws IOException {
		classes = Files.createDirectories(compiled.resolve("classes"));
		Path source = compiled.resolve("src/com/example/geo/City.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, """
				package com.example.geo;

				public record City(String name, long population) {
				}
				""");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
		assertThat(status).as("javac exit status").isZero();
	}

	@BeforeEach
	void startService() {
		this.service = new CacheService(this.directory.resolve("caches"), new SimpleMeterRegistry(), 2,
				Clock.systemUTC());
	}

	@AfterEach
	void closeService() {
		this.service.close();
	}

	@Test
	void survivingHeapCacheCrossesLoaders() throws Exception {
		assertSurvivesRedeploy(definition(true, null, null));
	}

	@Test
	void survivingOffHeapCacheCrossesLoaders() throws Exception {
		assertSurvivesRedeploy(definition(true, DataSize.ofMegabytes(1), null));
	}

	@Test
	void survivingDiskCacheCrossesLoaders() throws Exception {
		assertSurvivesRedeploy(definition(true, DataSize.ofMegabytes(1), DataSize.ofMegabytes(8)));
	}

	@Test
	void otherCacheStartsEmptyAfterRedeploy() throws Exception {
		CacheDefinition definition = definition(false, DataSize.ofMegabytes(1), DataSize.ofMegabytes(8));
		try (URLClassLoader first = newLoader()) {
			cacheOf(definition, first).put("lyon", newCity(first, "Lyon", 522_000));
		}
		this.service.release("geo");

		try (URLClassLoader second = newLoader()) {
			assertThat(cacheOf(definition, second).get("lyon")).isEmpty();
		}
	}

	@Test
	void discardDropsKeptEntries() throws Exception {
		CacheDefinition definition = definition(true, null, DataSize.ofMegabytes(8));
		try (URLClassLoader first = newLoader()) {
			cacheOf(definition, first).put("lyon", newCity(first, "Lyon", 522_000));
		}
		this.service.release("geo");

		this.service.discard("geo");

		try (URLClassLoader second = newLoader()) {
			assertThat(cacheOf(definition, second).get("lyon")).isEmpty();
		}
	}

	@Test
	void releasedClassLoaderCanBeCollected() throws Exception {
		WeakReference<ClassLoader> surviving = deployAndRelease(definition(true, DataSize.ofMegabytes(1), null));
		WeakReference<ClassLoader> dropped = deployAndRelease(definition(false, DataSize.ofMegabytes(1), null));

		for (int i = 0; i < 50 && (surviving.get() != null || dropped.get() != null); i++) {
			System.gc();
			Thread.sleep(20);
		}

		assertThat(surviving.get()).as("class loader of a released cache that survives redeploys").isNull();
		assertThat(dropped.get()).as("class loader of a released cache").isNull();
	}

	private WeakReference<ClassLoader> deployAndRelease(CacheDefinition definition) throws Exception {
		URLClassLoader loader = newLoader();
		Cache<String, Object> cache = cacheOf(definition, loader);
		cache.put("lyon", newCity(loader, "Lyon", 522_000));
		cache.getOrLoad("nice", (key) -> newCity(loader, "Nice", 342_000));
		this.service.release("geo");
		loader.close();
		return new WeakReference<>(loader);
	}

	private void assertSurvivesRedeploy(CacheDefinition definition) throws Exception {
		try (URLClassLoader first = newLoader()) {
			Cache<String, Object> cache = cacheOf(definition, first);
			cache.put("lyon", newCity(first, "Lyon", 522_000));
			cache.put("nice", newCity(first, "Nice", 342_000));
		}
		this.service.release("geo");

		try (URLClassLoader second = newLoader()) {
			Cache<String, Object> cache = cacheOf(definition, second);
			Object lyon = cache.get("lyon").orElseThrow();

			assertThat(lyon.getClass()).isSameAs(second.loadClass(CITY));
			assertThat(componentsOf(lyon)).containsExactly("Lyon", 522_000L);
			assertThat(componentsOf(cache.get("nice").orElseThrow())).containsExactly("Nice", 342_000L);
		}
	}

	@SuppressWarnings("unchecked")
	private Cache<String, Object> cacheOf(CacheDefinition definition, ClassLoader loader) throws Exception {
		this.service.create("geo", definition, loader);
		return this.service.cache("geo", "cities", String.class, (Class<Object>) loader.loadClass(CITY));
	}

	private static CacheDefinition definition(boolean survivesRedeploy, DataSize offHeap, DataSize disk) {
		return new CacheDefinition("cities", String.class.getName(), CITY, 10, offHeap, disk, null, null, null,
				survivesRedeploy, null);
	}

	private URLClassLoader newLoader() throws IOException {
		return new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader());
	}

	private static Object newCity(ClassLoader loader, String name, long population) {
		try {
			Constructor<?> constructor = loader.loadClass(CITY).getConstructor(String.class, long.class);
			return constructor.newInstance(name, population);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Object> componentsOf(Object city) throws ReflectiveOperationException {
		RecordComponent[] components = city.getClass().getRecordComponents();
		return List.of(components[0].getAccessor().invoke(city), components[1].getAccessor().invoke(city));
	}

}
