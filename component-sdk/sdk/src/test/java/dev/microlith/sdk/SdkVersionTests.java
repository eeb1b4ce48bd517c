package dev.microlith.sdk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SdkVersionTests {

	@Test
	void currentVersionComesFromBuild() {
		assertThat(SdkVersion.current()).matches("\\d+\\.\\d+");
	}

	@Test
	void sameMajorAndHigherMinorSatisfies() {
		assertThat(SdkVersion.satisfies("1.3", "1.0")).isTrue();
		assertThat(SdkVersion.satisfies("1.3", "1.3")).isTrue();
	}

	@Test
	void newerMinorOrOtherMajorDoesNotSatisfy() {
		assertThat(SdkVersion.satisfies("1.3", "1.4")).isFalse();
		assertThat(SdkVersion.satisfies("2.0", "1.0")).isFalse();
	}

	@Test
	void malformedVersionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SdkVersion.satisfies("1.0", "one"))
			.withMessageContaining("'one'")
			.withMessageContaining("MAJOR.MINOR");
	}

}
