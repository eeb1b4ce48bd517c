package dev.microlith.bench.baseline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Folds names for prefix search the way the cities sample does: no accents, lower case, single spaces. */
final class NameFolding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private NameFolding() {
	}

	/** Returns {@code name} decomposed (NFKD), without combining marks, lower case, with white space collapsed. */
	static String fold(String name) {
		String unmarked = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
		return SPACES.matcher(unmarked.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
	}

}
