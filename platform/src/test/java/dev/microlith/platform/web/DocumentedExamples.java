package dev.microlith.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code curl} examples of a document, in order, against a node, and checks each
 * response against the block that follows the example in the document.
 * <p>
 * An example is a {@code sh} block holding one {@code curl} command. The block after it
 * is the expected response: {@code json} (the body, compared as JSON, where the string
 * {@code "..."} matches any value), {@code ndjson} (one JSON value per line), or
 * {@code http} for {@code curl -i} (the status line and headers that must be present, then
 * optionally a blank line and the JSON body). An example without such a block must
 * succeed (2xx). Examples that stream without end are written as {@code text} blocks and
 * are not run. {@code $TOKEN} in a command stands for the {@code token} member of the
 * latest response that had one.
 */
final class DocumentedExamples {

	private static final String DOCUMENTED_BASE = "http://localhost:8080";

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private String token;

	DocumentedExamples(int port) {
		this.port = port;
	}

	/** Runs every example of {@code document} and returns how many there were. */
	int runAll(Path document) throws IOException, InterruptedException {
		List<Example> examples = examples(Files.readAllLines(document));
		for (Example example : examples) {
			// NOTE: a client per example, like curl, because reactor-netty 1.3.6 sometimes stops
			// reading a reused keep-alive connection; a stall then fails after the timeout.
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request(example.command().replace("$TOKEN", String.valueOf(this.token))),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

			check(example, response);
			rememberToken(response);
		}
		return examples.size();
	}

	private void rememberToken(HttpResponse<String> response) {
		boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
		if (json && response.body().startsWith("{")) {
			JsonNode body = this.json.readTree(response.body());
			if (body.has("token")) {
				this.token = body.get("token").asString();
			}
		}
	}

	private void check(Example example, HttpResponse<String> response) {
		String description = "example at line " + example.line() + ": " + example.command() + "\nactual status "
				+ response.statusCode() + ", headers " + response.headers().map() + ", body:\n" + response.body();
		switch (example.expectedType()) {
			case "json" -> assertJson(description, this.json.readTree(example.expected()),
					this.json.readTree(response.body()));
			case "ndjson" -> {
				List<String> expected = example.expected().lines().toList();
				List<String> actual = response.body().lines().toList();
				assertThat(actual).as(description).hasSameSizeAs(expected);
				for (int i = 0; i < expected.size(); i++) {
					assertJson(description, this.json.readTree(expected.get(i)), this.json.readTree(actual.get(i)));
				}
			}
			case "http" -> checkHead(description, example.expected(), response);
			default -> assertThat(response.statusCode()).as(description).isBetween(200, 299);
		}
	}

	private void checkHead(String description, String expected, HttpResponse<String> response) {
		String[] parts = expected.split("\n\n", 2);
		List<String> head = new ArrayList<>();
		head.add("HTTP/1.1 " + response.statusCode() + " " + HttpStatus.valueOf(response.statusCode()).getReasonPhrase());
		HttpHeaders headers = response.headers();
		headers.map().forEach((name, values) -> values.forEach((value) -> head.add(name.toLowerCase() + ": " + value)));
		for (String line : parts[0].lines().toList()) {
			int colon = line.indexOf(':');
			String normalized = (line.startsWith("HTTP/") || colon < 0) ? line
					: line.substring(0, colon).toLowerCase() + line.substring(colon);
			assertThat(head).as(description).contains(normalized);
		}
		if (parts.length > 1 && !parts[1].isBlank()) {
			assertJson(description, this.json.readTree(parts[1]), this.json.readTree(response.body()));
		}
	}

	private void assertJson(String description, JsonNode expected, JsonNode actual) {
		assertThat(matches(expected, actual)).as(description + "\nexpected:\n" + expected).isTrue();
	}

	/** Compares JSON values, where the expected string {@code "..."} matches anything. */
	private static boolean matches(JsonNode expected, JsonNode actual) {
		if (expected.isString() && expected.asString().equals("...")) {
			return true;
		}
		if (expected.isObject()) {
			if (!actual.isObject() || expected.size() != actual.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> field : expected.properties()) {
				if (!actual.has(field.getKey()) || !matches(field.getValue(), actual.get(field.getKey()))) {
					return false;
				}
			}
			return true;
		}
		if (expected.isArray()) {
			if (!actual.isArray() || expected.size() != actual.size()) {
				return false;
			}
			Iterator<JsonNode> actualElements = actual.iterator();
			for (JsonNode element : expected) {
				if (!matches(element, actualElements.next())) {
					return false;
				}
			}
			return true;
		}
		if (expected.isNumber() && actual.isNumber()) {
			return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
		}
		return expected.equals(actual);
	}

	private HttpRequest request(String command) throws IOException {
		List<String> words = Shell.split(command);
		assertThat(words.get(0)).as(command).isEqualTo("curl");

		String method = null;
		String url = null;
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		boolean hasBody = false;
		List<String[]> headers = new ArrayList<>();
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			switch (word) {
				case "-s", "-i" -> {
				}
				case "-X" -> method = words.get(++i);
				case "-u" -> headers.add(new String[] { "Authorization", "Basic "
						+ Base64.getEncoder().encodeToString(words.get(++i).getBytes(StandardCharsets.UTF_8)) });
				case "-H" -> {
					String header = words.get(++i);
					int colon = header.indexOf(':');
					headers.add(new String[] { header.substring(0, colon).trim(), header.substring(colon + 1).trim() });
				}
				case "-d" -> {
					body = HttpRequest.BodyPublishers.ofString(words.get(++i));
					hasBody = true;
				}
				case "--data-binary" -> {
					String file = words.get(++i);
					assertThat(file).as(command).startsWith("@");
					body = HttpRequest.BodyPublishers.ofFile(Path.of("..", file.substring(1)));
					hasBody = true;
				}
				default -> {
					assertThat(word).as("unsupported curl option in " + command).startsWith(DOCUMENTED_BASE);
					url = "http://127.0.0.1:" + this.port + word.substring(DOCUMENTED_BASE.length());
				}
			}
		}
		assertThat(url).as(command).isNotNull();

		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(30))
			.method((method != null) ? method : (hasBody ? "POST" : "GET"), body);
		headers.forEach((header) -> builder.header(header[0], header[1]));
		return builder.build();
	}

	private static List<Example> examples(List<String> lines) {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).equals("```sh")) {
				continue;
			}
			int start = i + 1;
			StringBuilder command = new StringBuilder();
			for (i = start; !lines.get(i).equals("```"); i++) {
				String line = lines.get(i);
				command.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
			}
			if (!command.toString().trim().startsWith("curl")) {
				continue;
			}
			int next = i + 1;
			while (next < lines.size() && lines.get(next).isBlank()) {
				next++;
			}
			String type = "";
			StringBuilder expected = new StringBuilder();
			if (next < lines.size() && lines.get(next).startsWith("```") && !lines.get(next).equals("```sh")) {
				type = lines.get(next).substring(3);
				for (next++; !lines.get(next).equals("```"); next++) {
					expected.append(lines.get(next)).append('\n');
				}
			}
			examples.add(new Example(start, command.toString().trim(), type, expected.toString().trim()));
		}
		return examples;
	}

	/**
	 * One documented request and its expected response.
	 * @param line the line of the command in the document
	 * @param command the {@code curl} command
	 * @param expectedType the fence type of the expected block, or empty
	 * @param expected the expected block's text
	 */
	record Example(int line, String command, String expectedType, String expected) {
	}

	/** Splits a command line into words as a POSIX shell does for single and double quotes. */
	static final class Shell {

		private Shell() {
		}

		static List<String> split(String command) {
			List<String> words = new ArrayList<>();
			StringBuilder word = new StringBuilder();
			boolean inWord = false;
			char quote = 0;
			for (int i = 0; i < command.length(); i++) {
				char c = command.charAt(i);
				if (quote != 0) {
					if (c == quote) {
						quote = 0;
					}
					else {
						word.append(c);
					}
				}
				else if (c == '\'' || c == '"') {
					quote = c;
					inWord = true;
				}
				else if (Character.isWhitespace(c)) {
					if (inWord) {
						words.add(word.toString());
						word.setLength(0);
						inWord = false;
					}
				}
				else {
					word.append(c);
					inWord = true;
				}
			}
			if (inWord) {
				words.add(word.toString());
			}
			return words;
		}

	}

}
