package dev.microlith.platform.cli;

import java.util.ArrayList;
import java.util.List;

/** Text formatting for CLI output. */
final class Formats {

	private Formats() {
	}

	/** Formats seconds as {@code 2d 3h 4m 5s}, leaving out leading zero units. */
	static String duration(long seconds) {
		long days = seconds / 86_400;
		long hours = seconds % 86_400 / 3_600;
		long minutes = seconds % 3_600 / 60;
		List<String> parts = new ArrayList<>();
		if (days > 0) {
			parts.add(days + "d");
		}
		if (!parts.isEmpty() || hours > 0) {
			parts.add(hours + "h");
		}
		if (!parts.isEmpty() || minutes > 0) {
			parts.add(minutes + "m");
		}
		parts.add(seconds % 60 + "s");
		return String.join(" ", parts);
	}

	/** Formats rows as left-aligned columns separated by two spaces; the first row is the header. */
	static String table(List<List<String>> rows) {
		int columns = rows.get(0).size();
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (List<String> row : rows) {
			for (int i = 0; i < columns; i++) {
				String cell = row.get(i);
				text.append(cell);
				if (i < columns - 1) {
					text.append(" ".repeat(widths[i] - cell.length() + 2));
				}
			}
			text.append(System.lineSeparator());
		}
		return text.toString();
	}

}
