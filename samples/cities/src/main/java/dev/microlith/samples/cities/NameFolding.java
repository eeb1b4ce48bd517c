package dev.microlith.samples.cities;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds names for case- and accent-insensitive search: {@code Sant Julià de Lòria} and
 * {@code SANT JULIA} share the prefix {@code sant julia}.
 */
public final class NameFolding {

	private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

	private NameFolding() {
	}

	/**
	 * Returns {@code name} decomposed (NFKD), without combining marks, in lower case, with
	 * runs of white space collapsed to one space. Letters without a decomposition, such as
	 * {@code ø} or {@code ł}, are kept.
	 */
	public static String fold(String name) {
		String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll("");
		return unmarked.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
	}

}
