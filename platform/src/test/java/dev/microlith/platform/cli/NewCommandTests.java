package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.platform.component.ComponentDescriptor;
import dev.microlith.platform.component.ComponentDescriptorReader;

import static org.assertj.core.api.Assertions.assertThat;

class NewCommandTests {

	@TempDir
	Path temp;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void writesProjectWithValidDescriptor() throws IOException {
		Path project = this.temp.resolve("orders-api");

		int status = run("new", "orders-api", "--directory", project.toString());

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(project.resolve("pom.xml")).content().contains("<artifactId>orders-api</artifactId>",
				"microlith-component-testkit");
		ComponentDescriptor descriptor = new ComponentDescriptorReader().read(
				Files.readAllBytes(project.resolve("src/main/resources/META-INF/microlith/component.json")), "template");
		assertThat(descriptor.name()).isEqualTo("orders-api");
		assertThat(descriptor.entryClass()).isEqualTo("com.example.ordersapi.OrdersApiComponent");
		assertThat(descriptor.tables()).hasSize(1);
		assertThat(project.resolve("src/test/java/com/example/ordersapi/OrdersApiComponentTests.java"))
			.content()
			.contains("ComponentTestKit.start()");
	}

	@Test
	void generatedComponentCompilesAgainstSdk() throws IOException {
		Path project = this.temp.resolve("notes");
		run("new", "notes", "--package", "org.acme.notes", "--directory", project.toString());
		Path source = project.resolve("src/main/java/org/acme/notes/NotesComponent.java");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter diagnostics = new StringWriter();

		boolean compiled = compiler.getTask(diagnostics, null, null,
				List.of("-d", this.temp.resolve("classes").toString(), "-classpath", System.getProperty("java.class.path")),
				null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();

		assertThat(compiled).as(diagnostics.toString()).isTrue();
	}

	@Test
	void invalidNameIsRejected() {
		int status = run("new", "Orders", "--directory", this.temp.resolve("x").toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Invalid component name 'Orders'");
	}

	@Test
	void nonEmptyDirectoryIsLeftAlone() throws IOException {
		Path existing = Files.createDirectories(this.temp.resolve("taken"));
		Files.writeString(existing.resolve("keep.txt"), "mine");

		int status = run("new", "taken", "--directory", existing.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("is not empty");
		assertThat(existing.resolve("keep.txt")).content().isEqualTo("mine");
		assertThat(existing.resolve("pom.xml")).doesNotExist();
	}

	@Test
	void classNameComesFromName() {
		assertThat(NewCommand.className("orders-api")).isEqualTo("OrdersApiComponent");
		assertThat(NewCommand.className("x")).isEqualTo("XComponent");
	}

	private int run(String... args) {
		return MicrolithCli.run(args, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
	}

}
