package dev.microlith.platform.web;

import java.util.List;

/**
 * Entity tags of records: the strong tag {@code "<version>"}, and the matching rules of
 * {@code If-Match} (strong comparison) and {@code If-None-Match} (weak comparison).
 */
final class EntityTags {

	private EntityTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Returns whether an {@code If-Match} header accepts the record at {@code version}.
	 * @param version the current version, or 0 when the record is absent
	 */
	static boolean ifMatch(List<String> headers, long version) {
		for (String tag : tags(headers)) {
			if (tag.equals("*") ? version > 0 : tag.equals(of(version))) {
				return true;
			}
		}
		return false;
	}

	/** Returns whether an {@code If-None-Match} header names the record at {@code version}. */
	static boolean ifNoneMatchHits(List<String> headers, long version) {
		for (String tag : tags(headers)) {
			String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
			if (strong.equals("*") || strong.equals(of(version))) {
				return true;
			}
		}
		return false;
	}

	private static List<String> tags(List<String> headers) {
		return headers.stream()
			.flatMap((header) -> List.of(header.split(",")).stream())
			.map(String::trim)
			.filter((tag) -> !tag.isEmpty())
			.toList();
	}

}
