package dev.microlith.platform;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.rsocket.context.RSocketServerInitializedEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.microlith.platform.component.ComponentProperties;
import dev.microlith.platform.node.DataDirectory;

/**
 * Logs one line when the node is ready: version, ports, data and components directories.
 * It lives in the root package because it reports on several capabilities.
 */
@Component
class StartupReport {

	private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

	private final String version;

	private final DataDirectory dataDirectory;

	private final ComponentProperties components;

	private volatile int httpPort = -1;

	private volatile int rsocketPort = -1;

	StartupReport(Optional<BuildProperties> build, DataDirectory dataDirectory, ComponentProperties components) {
		this.version = build.map(BuildProperties::getVersion).orElse("(development build)");
		this.dataDirectory = dataDirectory;
		this.components = components;
	}

	@EventListener
	void onWebServerInitialized(WebServerInitializedEvent event) {
		this.httpPort = event.getWebServer().getPort();
	}

	@EventListener
	void onRSocketServerInitialized(RSocketServerInitializedEvent event) {
		this.rsocketPort = event.getServer().address().getPort();
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		logger.info("Microlith {} ready: HTTP port {}, RSocket TCP port {} (WebSocket at /rsocket), data directory '{}', components directory '{}'",
				this.version, this.httpPort, this.rsocketPort, this.dataDirectory.path(),
				this.components.getDir().toAbsolutePath().normalize());
	}

}
