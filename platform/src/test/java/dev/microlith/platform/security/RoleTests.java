package dev.microlith.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoleTests {

	@Test
	void documentRoundTrips() {
		Map<String, Object> document = Map.of("tables", Map.of("city", List.of("read"), "*", List.of("read", "delete")),
				"topics", Map.of("publish", List.of("chat/#"), "subscribe", List.of("chat/+")), "operations",
				List.of("monitor"), "permissions", List.of("todo:write"));

		Role role = Role.fromDocument("analyst", document);

		assertThat(role.tables()).isEqualTo(Map.of("city", Set.of(TableOperation.READ), "*",
				Set.of(TableOperation.READ, TableOperation.DELETE)));
		assertThat(role.publish()).containsExactly("chat/#");
		assertThat(role.subscribe()).containsExactly("chat/+");
		assertThat(role.operations()).containsExactly(OperationsGroup.MONITOR);
		assertThat(role.permissions()).containsExactly("todo:write");
		assertThat(Role.fromDocument("analyst", role.toDocument())).isEqualTo(role);
	}

	@Test
	void badDocumentsNameRoleAndField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Role.fromDocument("r", Map.of("tables", Map.of("city", List.of("write")))))
			.withMessage("Invalid value 'write' in role 'r', field 'tables.city': expected one of [read, insert, update, delete]");
		assertThatIllegalArgumentException().isThrownBy(() -> Role.fromDocument("r", Map.of("table", Map.of())))
			.withMessageContaining("Unknown field 'table' in role 'r'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Role.fromDocument("r", Map.of("topics", Map.of("publish", List.of("a/#/b")))))
			.withMessageContaining("'#' must be the last level in role 'r', field 'topics.publish'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Role.fromDocument("r", Map.of("operations", List.of("everything"))))
			.withMessageContaining("field 'operations': expected one of [monitor, deploy, data, security]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Role.fromDocument("r", Map.of("permissions", List.of("write"))))
			.withMessageContaining("expected '<component>:<permission>'");
		assertThatIllegalArgumentException().isThrownBy(() -> Role.fromDocument("r", Map.of("operations", "monitor")))
			.withMessageContaining("field 'operations' in role 'r': expected a list of strings");
		assertThatIllegalArgumentException().isThrownBy(() -> Role.fromDocument("bad name", Map.of()))
			.withMessageContaining("Invalid role name 'bad name'");
	}

}
