package dev.microlith.platform.component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.hub.Hub;
import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;

/** The node's hub for one deployment, whose subscriptions end when the deployment stops. */
final class ComponentHub implements Hub {

	private final Hub hub;

	private final Deployment deployment;

	ComponentHub(Hub hub, Deployment deployment) {
		this.hub = hub;
		this.deployment = deployment;
	}

	@Override
	public Mono<Void> publish(String topic, Object payload) {
		return this.hub.publish(topic, DeploymentJson.toNodeSafe(this.deployment, payload));
	}

	@Override
	public Mono<Void> publishRetained(String topic, Object payload) {
		return this.hub.publishRetained(topic, DeploymentJson.toNodeSafe(this.deployment, payload));
	}

	@Override
	public Flux<Message> subscribe(String pattern, SubscribeOptions options) {
		return this.hub.subscribe(pattern, options)
			.map(message -> DeploymentJson.message(this.deployment, message))
			.takeUntilOther(this.deployment.whenStopped());
	}

}
