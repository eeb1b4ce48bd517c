package dev.microlith.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordsTests {

	private final CsvRecords records = new CsvRecords();

	@Test
	void plainFieldsAreSplitOnCommas() {
		CsvRecords.CsvRecord record = this.records.add("a,b,,c", 1);

		assertThat(record.fields()).containsExactly(plain("a"), plain("b"), plain(""), plain("c"));
		assertThat(record.line()).isEqualTo(1);
	}

	@Test
	void quotedFieldKeepsCommasAndDoubledQuotes() {
		CsvRecords.CsvRecord record = this.records.add("\"a,b\",\"say \"\"hi\"\"\",\"\"", 1);

		assertThat(record.fields()).containsExactly(quoted("a,b"), quoted("say \"hi\""), quoted(""));
	}

	@Test
	void quotedFieldSpansLines() {
		assertThat(this.records.add("1,\"first", 4)).isNull();
		assertThat(this.records.unterminatedLine()).isEqualTo(4);

		CsvRecords.CsvRecord record = this.records.add("second\",3", 5);

		assertThat(record.line()).isEqualTo(4);
		assertThat(record.fields()).containsExactly(plain("1"), quoted("first\nsecond"), plain("3"));
		assertThat(this.records.unterminatedLine()).isEqualTo(-1);
	}

	@Test
	void emptyLineIsBlankRecord() {
		assertThat(this.records.add("", 1).isBlank()).isTrue();
		assertThat(this.records.add("\"\"", 2).isBlank()).isFalse();
	}

	@Test
	void recordsFollowOneAnother() {
		List<CsvRecords.CsvRecord> read = List.of(this.records.add("a,b", 1), this.records.add("c,d", 2));

		assertThat(read).extracting(CsvRecords.CsvRecord::line).containsExactly(1L, 2L);
	}

	private static CsvRecords.Field plain(String text) {
		return new CsvRecords.Field(text, false);
	}

	private static CsvRecords.Field quoted(String text) {
		return new CsvRecords.Field(text, true);
	}

}
