package dev.microlith.bench.baseline;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * City updates through RabbitMQ: the service publishes each update to a topic exchange
 * under {@code city.<id>}, and this instance's own queue feeds them to its SSE clients.
 * A slow SSE client fails rather than holds others back.
 */
class CityEvents {

	static final String EXCHANGE = "microlith-bench.city";

	static final int BUFFERED_UPDATES = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(CityEvents.class);

	private final RabbitTemplate rabbit;

	private final Sinks.Many<Update> updates = Sinks.many().multicast().directBestEffort();

	CityEvents(RabbitTemplate rabbit) {
		this.rabbit = rabbit;
	}

	/** Publishes the update of city {@code id}, whose JSON is {@code body}; the blocking send runs off the event loop. */
	Mono<Void> publish(long id, String body) {
		return Mono.<Void>fromRunnable(() -> this.rabbit.send(EXCHANGE, "city." + id,
				new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties())))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Returns the updates of city {@code id} from now on, as JSON. Each subscriber buffers up to
	 * {@value #BUFFERED_UPDATES} updates it has not sent yet, and fails when it falls further behind.
	 */
	Flux<String> of(long id) {
		return this.updates.asFlux()
			.filter((update) -> update.id() == id)
			.map(Update::body)
			.onBackpressureBuffer(BUFFERED_UPDATES);
	}

	@RabbitListener(queues = "#{cityUpdates.name}")
	void onUpdate(Message message) {
		String routingKey = message.getMessageProperties().getReceivedRoutingKey();
		long id = Long.parseLong(routingKey.substring(routingKey.indexOf('.') + 1));
		Sinks.EmitResult result = this.updates.tryEmitNext(new Update(id, new String(message.getBody(),
				StandardCharsets.UTF_8)));
		if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			logger.debug("Update of city '{}' not passed on: {}", id, result);
		}
	}

	private record Update(long id, String body) {
	}

}
