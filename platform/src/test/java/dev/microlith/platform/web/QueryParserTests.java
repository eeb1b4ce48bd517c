package dev.microlith.platform.web;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Condition.Comparison;
import dev.microlith.sdk.table.Condition.Operator;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryParserTests {

	@Test
	void plainValueIsEquality() {
		assertThat(condition("country", "FR")).isEqualTo(Condition.eq("country", "FR"));
	}

	@Test
	void everyOperator() {
		assertThat(condition("a", "eq=1")).isEqualTo(comparison("a", Operator.EQ, 1L));
		assertThat(condition("a", "ne=1")).isEqualTo(comparison("a", Operator.NE, 1L));
		assertThat(condition("a", "gt=1")).isEqualTo(comparison("a", Operator.GT, 1L));
		assertThat(condition("a", "ge=1")).isEqualTo(comparison("a", Operator.GE, 1L));
		assertThat(condition("a", "lt=1")).isEqualTo(comparison("a", Operator.LT, 1L));
		assertThat(condition("a", "le=1")).isEqualTo(comparison("a", Operator.LE, 1L));
		assertThat(condition("a", "sw=Sa")).isEqualTo(Condition.startsWith("a", "Sa"));
		assertThat(condition("a", "ct=burg")).isEqualTo(Condition.contains("a", "burg"));
		assertThat(condition("a", "in=FR,DE,3")).isEqualTo(Condition.in("a", "FR", "DE", 3L));
	}

	@Test
	void literalsAreTyped() {
		assertThat(value("10")).isEqualTo(10L);
		assertThat(value("-2.5")).isEqualTo(-2.5);
		assertThat(value("1e3")).isEqualTo(1000.0);
		assertThat(value("12345678901234567890")).isEqualTo(new BigDecimal("12345678901234567890"));
		assertThat(value("true")).isEqualTo(true);
		assertThat(value("false")).isEqualTo(false);
		assertThat(value("\"10\"")).isEqualTo("10");
		assertThat(value("\"true\"")).isEqualTo("true");
		assertThat(value("03")).isEqualTo("03");
		assertThat(value("1.")).isEqualTo("1.");
		assertThat(value("+1")).isEqualTo("+1");
		assertThat(value("Paris")).isEqualTo("Paris");
		assertThat(value("")).isEqualTo("");
	}

	@Test
	void quotedValueMayContainOperatorSyntax() {
		assertThat(condition("a", "\"gt=1\"")).isEqualTo(Condition.eq("a", "gt=1"));
	}

	@Test
	void startsWithKeepsNumbersAsText() {
		assertThat(condition("zip", "sw=75")).isEqualTo(Condition.startsWith("zip", "75"));
		assertThat(condition("zip", "sw=\"75\"")).isEqualTo(Condition.startsWith("zip", "75"));
	}

	@Test
	void inSplitsOutsideQuotes() {
		assertThat(condition("a", "in=\"x,y\",z")).isEqualTo(Condition.in("a", "x,y", "z"));
	}

	@Test
	void nestedFieldIsKept() {
		assertThat(condition("address.city", "Lyon")).isEqualTo(Condition.eq("address.city", "Lyon"));
	}

	@Test
	void conditionsAreJoinedWithAnd() {
		Query query = parse("country", "FR", "lat", "gt=45", "lat", "lt=46").query();

		assertThat(query.condition()).isEqualTo(Condition.eq("country", "FR")
			.and(comparison("lat", Operator.GT, 45L))
			.and(comparison("lat", Operator.LT, 46L)));
	}

	@Test
	void noParametersMatchEverything() {
		QueryParser.TableQuery parsed = parse();

		assertThat(parsed.query()).isEqualTo(Query.all());
		assertThat(parsed.count()).isFalse();
	}

	@Test
	void sortLimitOffsetSelectCount() {
		QueryParser.TableQuery parsed = parse("sort", "name,-population,+id", "limit", "20", "offset", "40", "select",
				"name,country", "count", "true");

		assertThat(parsed.query().sort()).containsExactly(Sort.ascending("name"), Sort.descending("population"),
				Sort.ascending("id"));
		assertThat(parsed.query().limit()).isEqualTo(20);
		assertThat(parsed.query().offset()).isEqualTo(40);
		assertThat(parsed.query().fields()).containsExactly("name", "country");
		assertThat(parsed.count()).isTrue();
		assertThat(parsed.query().condition()).isNull();
	}

	@Test
	void countWithoutValueMeansTrue() {
		assertThat(parse("count", "").count()).isTrue();
		assertThat(parse("count", "false").count()).isFalse();
	}

	@Test
	void unknownOperatorIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition("a", "above=1"))
			.withMessageContaining("'=above='")
			.withMessageContaining("=gt=")
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("a"))
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo("above=1"));
	}

	@Test
	void nullValueIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition("a", "null"))
			.withMessageContaining("double quotes");
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition("a", "ne=null"));
	}

	@Test
	void emptyListOrPrefixIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition("a", "in="))
			.withMessageContaining("comma-separated");
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition("a", "sw="))
			.withMessageContaining("'=sw='");
	}

	@Test
	void invalidFieldNameIsRejected() {
		for (String field : List.of("", ".a", "a.", "a..b")) {
			assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> condition(field, "1"))
				.withMessageContaining("Invalid field name '" + field + "'");
		}
	}

	@Test
	void invalidLimitOrOffsetIsRejected() {
		for (String[] parameter : List.of(new String[] { "limit", "ten" }, new String[] { "limit", "-1" },
				new String[] { "offset", "1.5" }, new String[] { "offset", "" })) {
			assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse(parameter))
				.withMessageContaining("Invalid " + parameter[0] + " '" + parameter[1] + "'")
				.withMessageContaining("expected an integer of zero or more")
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo(parameter[0]));
		}
	}

	@Test
	void repeatedLimitIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse("limit", "1", "limit", "2"))
			.withMessageContaining("given 2 times");
	}

	@Test
	void invalidCountIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse("count", "yes"))
			.withMessageContaining("expected true or false");
	}

	@Test
	void emptySortOrSelectFieldIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse("sort", "name,,id"))
			.withMessageContaining("'name,-population'");
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse("sort", "-"));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> parse("select", ""))
			.withMessageContaining("'name,country'");
	}

	private static Condition condition(String field, String value) {
		return QueryParser.condition(field, value);
	}

	private static Object value(String text) {
		return ((Comparison) condition("a", text)).value();
	}

	private static Comparison comparison(String field, Operator operator, Object value) {
		return new Comparison(field, operator, List.of(value));
	}

	private static QueryParser.TableQuery parse(String... namesAndValues) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			parameters.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return QueryParser.parse(parameters);
	}

}
