package dev.microlith.platform.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Runs a test class with Netty's leak detection at {@code PARANOID} and fails it when
 * Netty reports a leaked buffer.
 * <p>
 * Netty logs a leak at error level on {@code io.netty.util.ResourceLeakDetector} when it
 * tracks a new buffer after the leaked one was garbage collected. After the class has run,
 * this extension collects garbage, allocates a few buffers so that pending reports are
 * logged, and fails if any was.
 */
public class NettyLeakDetection implements BeforeAllCallback, AfterAllCallback {

	private static final List<String> reports = new CopyOnWriteArrayList<>();

	static {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
			@Override
			protected void append(ILoggingEvent event) {
				if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
					reports.add(event.getFormattedMessage());
				}
			}
		};
		appender.setName("netty-leak-reports");
		appender.start();
		logger.addAppender(appender);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		reports.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(50);
			ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
			probe.release();
		}
		if (!reports.isEmpty()) {
			throw new AssertionError("Netty reported " + reports.size() + " leaked buffer(s) in "
					+ context.getDisplayName() + ", first: " + reports.get(0));
		}
	}

}
