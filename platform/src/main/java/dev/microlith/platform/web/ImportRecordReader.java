package dev.microlith.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;

import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the records of an import body as it arrives, without holding the whole body:
 * NDJSON and CSV line by line, a JSON array element by element.
 * <p>
 * A record that cannot be read (malformed JSON on its line, not an object, a CSV row
 * with the wrong number of fields) becomes a failed {@link ImportItem} and reading goes
 * on. A JSON array that is malformed cannot be read past the error, so the returned
 * {@link Flux} ends with an error there; elements that arrived in the same network chunk
 * as the error may be lost with it.
 */
final class ImportRecordReader {

	private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	private final JsonMapper mapper;

	private final int maxRecordBytes;

	ImportRecordReader(JsonMapper mapper, long maxRecordBytes) {
		this.mapper = mapper;
		this.maxRecordBytes = (int) Math.min(Integer.MAX_VALUE, maxRecordBytes);
	}

	/** Returns the records of {@code body}, read as {@code format}, in order. */
	Flux<ImportItem> read(Flux<DataBuffer> body, ImportFormat format) {
		return switch (format) {
			case NDJSON -> ndjson(body);
			case JSON_ARRAY -> jsonArray(body);
			case CSV -> csv(body);
		};
	}

	private Flux<ImportItem> ndjson(Flux<DataBuffer> body) {
		return lines(body).index()
			.filter((line) -> !line.getT2().isBlank())
			.map((line) -> parseLine(line.getT1() + 1, line.getT2()));
	}

	private ImportItem parseLine(long number, String line) {
		JsonNode node;
		try {
			node = this.mapper.readTree(line);
		}
		catch (JacksonException ex) {
			return ImportItem.failedLine(number, "Malformed JSON: " + ex.getOriginalMessage());
		}
		return ofNode(node, number, null);
	}

	private Flux<ImportItem> jsonArray(Flux<DataBuffer> body) {
		JacksonJsonDecoder decoder = new JacksonJsonDecoder(this.mapper);
		decoder.setMaxInMemorySize(this.maxRecordBytes);
		AtomicLong element = new AtomicLong();
		return decoder.decode(body, ResolvableType.forClass(JsonNode.class), MediaType.APPLICATION_JSON, null)
			.map((node) -> ofNode((JsonNode) node, null, element.incrementAndGet()))
			.onErrorMap((ex) -> new MalformedBodyException("Malformed JSON array: " + rootMessage(ex) + "; "
					+ element.get() + " elements were read before the error and reading stopped there", ex));
	}

	private ImportItem ofNode(JsonNode node, Long line, Long element) {
		if (!node.isObject()) {
			return new ImportItem(line, element, null, "Invalid record: expected a JSON object, got a JSON "
					+ node.getNodeType().name().toLowerCase(Locale.ROOT));
		}
		return new ImportItem(line, element, this.mapper.treeToValue(node, DOCUMENT), null);
	}

	private Flux<ImportItem> csv(Flux<DataBuffer> body) {
		CsvRecords records = new CsvRecords();
		Header header = new Header();
		Flux<ImportItem> items = lines(body).index().concatMapIterable((line) -> {
			CsvRecords.CsvRecord record = records.add(line.getT2(), line.getT1() + 1);
			if (record == null || record.isBlank()) {
				return List.of();
			}
			if (header.names == null) {
				header.names = record.fields().stream().map((field) -> field.text().trim()).toList();
				return List.of();
			}
			return List.of(csvItem(header.names, record));
		});
		return items.concatWith(Flux.defer(() -> {
			long open = records.unterminatedLine();
			return (open < 0) ? Flux.empty()
					: Flux.just(ImportItem.failedLine(open, "Unterminated quoted field: a double quote opened on this line is never closed"));
		}));
	}

	private static ImportItem csvItem(List<String> names, CsvRecords.CsvRecord record) {
		if (record.fields().size() != names.size()) {
			return ImportItem.failedLine(record.line(), "Invalid CSV row: expected " + names.size()
					+ " fields as in the header row, got " + record.fields().size());
		}
		Map<String, Object> document = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			CsvRecords.Field field = record.fields().get(i);
			if (field.quoted()) {
				put(document, names.get(i), field.text());
			}
			else if (!field.text().isEmpty()) {
				put(document, names.get(i), Literals.parse(field.text()));
			}
		}
		return new ImportItem(record.line(), null, document, null);
	}

	/** Stores {@code value} under {@code name}; a dotted name such as {@code address.city} makes nested objects. */
	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> document, String name, Object value) {
		String[] path = name.split("\\.");
		Map<String, Object> target = document;
		for (int i = 0; i < path.length - 1; i++) {
			Object next = target.computeIfAbsent(path[i], (key) -> new LinkedHashMap<String, Object>());
			if (!(next instanceof Map)) {
				next = new LinkedHashMap<String, Object>();
				target.put(path[i], next);
			}
			target = (Map<String, Object>) next;
		}
		target.put(path[path.length - 1], value);
	}

	private Flux<String> lines(Flux<DataBuffer> body) {
		StringDecoder decoder = StringDecoder.allMimeTypes();
		decoder.setMaxInMemorySize(this.maxRecordBytes);
		return decoder.decode(body, ResolvableType.forClass(String.class), null, null)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new MalformedBodyException("A line of the import is longer than " + this.maxRecordBytes
							+ " bytes; split the record or raise microlith.api.import.max-record-size", ex));
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root instanceof JacksonException jackson) ? jackson.getOriginalMessage() : String.valueOf(root.getMessage());
	}

	/** The header row of a CSV import, once read. */
	private static final class Header {

		List<String> names;

	}

	/**
	 * One record of an import, or the reason it could not be read.
	 * @param line the line it starts on, for NDJSON and CSV, or {@code null}
	 * @param element its position in a JSON array, counting from 1, or {@code null}
	 * @param record the record, or {@code null} when it could not be read
	 * @param failure why it could not be read, or {@code null}
	 */
	record ImportItem(Long line, Long element, Map<String, Object> record, String failure) {

		static ImportItem failedLine(long line, String failure) {
			return new ImportItem(line, null, null, failure);
		}

	}

}
