package dev.microlith.sdk;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

import dev.microlith.sdk.cache.Cache;
import dev.microlith.sdk.http.HttpRoutes;
import dev.microlith.sdk.hub.Hub;
import dev.microlith.sdk.rsocket.RSocketRoutes;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Tables;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;

/**
 * A component's view of the node, handed to {@link Component#start(ComponentContext)}.
 * <p>
 * Everything obtained here belongs to the component: the node releases it when the
 * component stops. Implementations are thread-safe.
 */
public interface ComponentContext {

	/** Returns the component's name from its descriptor. */
	String name();

	/** Returns the component's version from its descriptor. */
	String version();

	/**
	 * Returns a typed handle to a table.
	 * @param name a table this component declares, or one another component exports
	 * @param keyType the declared key type: {@code String}, {@code Long} or {@code UUID}
	 * @param recordType the record class, read and written as JSON
	 * @throws dev.microlith.sdk.table.TableException when the table is unknown or the key
	 * type does not match its declaration
	 */
	<K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> recordType);

	/** Returns the node's tables, for generic JSON access and transactions. */
	Tables tables();

	/**
	 * Returns a cache this component declares.
	 * @throws IllegalArgumentException when the component declares no cache of that name, or
	 * the types do not match its declaration
	 */
	<K, V> Cache<K, V> cache(String name, Class<K> keyType, Class<V> valueType);

	/** Returns the node's stream hub. */
	Hub hub();

	/** Returns the registry for this component's HTTP routes. */
	HttpRoutes http();

	/** Returns the registry for this component's RSocket routes. */
	RSocketRoutes rsocket();

	/** Returns the component's configuration, from {@code microlith.component-config.<name>.*}. */
	ComponentConfig config();

	/** Returns a logger whose events carry the component's name. */
	Logger logger();

	/** Returns a meter registry whose meters are tagged {@code component=<name>}. */
	MeterRegistry meters();

	/**
	 * Returns an executor for the component's background work. Its threads are named after
	 * the component and are shut down when the component stops.
	 */
	ScheduledExecutorService executor();

	/** Returns a directory the component may write files to; it survives redeploys. */
	Path workDirectory();

}
