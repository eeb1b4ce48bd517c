package dev.microlith.platform.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text, given line by line, into records of fields (RFC 4180): fields are
 * separated by commas, a field in double quotes may contain commas, line breaks and
 * doubled quotes ({@code ""}), and a record ends at a line break outside quotes. Not
 * thread-safe: one instance reads one file.
 */
final class CsvRecords {

	private final StringBuilder pending = new StringBuilder();

	private long startLine;

	private boolean inQuotes;

	/**
	 * Adds one line without its line break.
	 * @param line the line
	 * @param number the line's number, counting from 1
	 * @return the record that this line completes, or {@code null} while a quoted field is open
	 */
	CsvRecord add(String line, long number) {
		if (this.pending.isEmpty() && !this.inQuotes) {
			this.startLine = number;
		}
		else {
			this.pending.append('\n');
		}
		this.pending.append(line);
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) == '"') {
				this.inQuotes = !this.inQuotes;
			}
		}
		if (this.inQuotes) {
			return null;
		}
		String text = this.pending.toString();
		this.pending.setLength(0);
		return new CsvRecord(this.startLine, fields(text));
	}

	/** Returns the line of an unterminated quoted field at the end of the input, or -1 when there is none. */
	long unterminatedLine() {
		return this.inQuotes ? this.startLine : -1;
	}

	private static List<Field> fields(String text) {
		List<Field> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				fields.add(new Field(field.toString(), wasQuoted));
				field.setLength(0);
				wasQuoted = false;
			}
			else {
				field.append(c);
			}
		}
		fields.add(new Field(field.toString(), wasQuoted));
		return fields;
	}

	/**
	 * One CSV record.
	 * @param line the line on which it starts
	 * @param fields its fields in order
	 */
	record CsvRecord(long line, List<Field> fields) {

		boolean isBlank() {
			return this.fields.size() == 1 && this.fields.get(0).text().isBlank() && !this.fields.get(0).quoted();
		}

	}

	/**
	 * One CSV field.
	 * @param text the field's text, without quotes
	 * @param quoted whether it was written in double quotes, which keeps it a string
	 */
	record Field(String text, boolean quoted) {
	}

}
