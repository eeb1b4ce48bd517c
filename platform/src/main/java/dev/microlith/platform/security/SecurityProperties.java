package dev.microlith.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of authentication under {@code microlith.security.}. The first administrator's
 * password is {@code microlith.admin-password} ({@code MICROLITH_ADMIN_PASSWORD}).
 */
@ConfigurationProperties("microlith.security")
public class SecurityProperties {

	/** How long a token lives when its request does not ask for a lifetime. */
	private Duration tokenLifetime = Duration.ofHours(1);

	/** The maximum lifetime a token request may ask for. */
	private Duration maxTokenLifetime = Duration.ofDays(30);

	/** Failed logins, per user and per client address, after which logins are refused for a while. */
	private int loginFailures = 5;

	/** How long logins are refused after too many failures. */
	private Duration loginLockout = Duration.ofMinutes(1);

	/** How long audit events are kept. */
	private Duration auditRetention = Duration.ofDays(30);

	public Duration getTokenLifetime() {
		return this.tokenLifetime;
	}

	public void setTokenLifetime(Duration tokenLifetime) {
		this.tokenLifetime = tokenLifetime;
	}

	public Duration getMaxTokenLifetime() {
		return this.maxTokenLifetime;
	}

	public void setMaxTokenLifetime(Duration maxTokenLifetime) {
		this.maxTokenLifetime = maxTokenLifetime;
	}

	public int getLoginFailures() {
		return this.loginFailures;
	}

	public void setLoginFailures(int loginFailures) {
		this.loginFailures = loginFailures;
	}

	public Duration getLoginLockout() {
		return this.loginLockout;
	}

	public void setLoginLockout(Duration loginLockout) {
		this.loginLockout = loginLockout;
	}

	public Duration getAuditRetention() {
		return this.auditRetention;
	}

	public void setAuditRetention(Duration auditRetention) {
		this.auditRetention = auditRetention;
	}

	/** Checks the values; called once at start-up. */
	void validate() {
		requirePositive("token-lifetime", this.tokenLifetime);
		requirePositive("max-token-lifetime", this.maxTokenLifetime);
		requirePositive("login-lockout", this.loginLockout);
		requirePositive("audit-retention", this.auditRetention);
		if (this.tokenLifetime.compareTo(this.maxTokenLifetime) > 0) {
			throw new IllegalStateException("Invalid 'microlith.security.token-lifetime' " + this.tokenLifetime
					+ ": it is longer than 'microlith.security.max-token-lifetime' " + this.maxTokenLifetime);
		}
		if (this.loginFailures < 1) {
			throw new IllegalStateException("Invalid 'microlith.security.login-failures' " + this.loginFailures
					+ ": expected 1 or more");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalStateException("Invalid 'microlith.security." + name + "' " + value
					+ ": expected a duration greater than zero, such as 30m");
		}
	}

}
