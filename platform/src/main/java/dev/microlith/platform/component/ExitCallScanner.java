package dev.microlith.platform.component;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * Rejects class files that call {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}, any of which would stop the whole node.
 * <p>
 * Java 17 offers no supported way to intercept these calls at run time (the security
 * manager is deprecated for removal), so they are refused at deploy. The scan sees direct
 * calls only: a call made through reflection or a method handle is not detected.
 */
final class ExitCallScanner {

	private final String jarLabel;

	ExitCallScanner(String jarLabel) {
		this.jarLabel = jarLabel;
	}

	/**
	 * Scans one class file.
	 * @param entry the entry's name, used in the error message
	 * @throws InvalidComponentException naming the class and method that makes the call,
	 * or when the class file cannot be parsed
	 */
	void scan(String entry, byte[] classFile) {
		ClassReader reader;
		try {
			reader = new ClassReader(classFile);
		}
		catch (RuntimeException ex) {
			throw new InvalidComponentException(
					"'" + this.jarLabel + "' has an invalid class file '" + entry + "': " + ex + "; rebuild the jar", ex);
		}
		reader.accept(new ClassScanner(reader.getClassName()), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
	}

	private final class ClassScanner extends ClassVisitor {

		private final String className;

		ClassScanner(String className) {
			super(SpringAsmInfo.ASM_VERSION);
			this.className = className;
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			return new MethodScanner(this.className, name);
		}

	}

	private final class MethodScanner extends MethodVisitor {

		private final String className;

		private final String methodName;

		MethodScanner(String className, String methodName) {
			super(SpringAsmInfo.ASM_VERSION);
			this.className = className;
			this.methodName = methodName;
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			boolean exit = ("java/lang/System".equals(owner) && "exit".equals(name))
					|| ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name)));
			if (exit) {
				String caller = this.className.replace('/', '.') + "." + this.methodName;
				throw new InvalidComponentException("'" + ExitCallScanner.this.jarLabel + "' calls "
						+ owner.substring("java/lang/".length()) + "." + name + " in " + caller
						+ ", which would stop the whole node; remove the call (a component ends by returning from"
						+ " stop(), or by throwing from start())");
			}
		}

	}

}
