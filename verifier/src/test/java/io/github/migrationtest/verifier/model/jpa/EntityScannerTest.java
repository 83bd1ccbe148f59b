package io.github.migrationtest.verifier.model.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityScannerTest {
    private static final String SHOP = "io.github.migrationtest.verifier.model.jpa.shop";

    @Test
    void finds_the_entities_of_a_package_in_a_directory_with_its_subpackages_and_leaves_out_other_classes() {
        EntityScanner.Scan scan = EntityScanner.scan(SHOP, getClass().getClassLoader());

        assertThat(scan.mapped()).extracting(Class::getName).containsExactly(SHOP + ".Customer",
                SHOP + ".PurchaseOrder", SHOP + ".catalog.Product");
        assertThat(scan.entities()).isEqualTo(3);
        assertThat(scan.locations()).singleElement().asString().startsWith("file:");
    }

    @Test
    void keeps_the_other_mapped_classes_after_the_entities() {
        String converted = "io.github.migrationtest.verifier.model.jpa.converted";

        EntityScanner.Scan scan = EntityScanner.scan(converted, getClass().getClassLoader());

        assertThat(scan.mapped()).extracting(Class::getName).containsExactly(converted + ".Note",
                converted + ".CentsConverter");
        assertThat(scan.entities()).isEqualTo(1);
    }

    @Test
    void finds_the_entities_of_a_package_in_a_jar(@TempDir Path folder) throws Exception {
        Path jar = jarOf(SHOP, folder.resolve("shop.jar"));
        URL jpaApi = Entity.class.getProtectionDomain().getCodeSource().getLocation();
        // No parent but the platform's: the classes can only come from the jar.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), jpaApi},
                ClassLoader.getPlatformClassLoader())) {
            EntityScanner.Scan scan = EntityScanner.scan(SHOP, loader);

            assertThat(scan.mapped()).extracting(Class::getName).containsExactly(SHOP + ".Customer",
                    SHOP + ".PurchaseOrder", SHOP + ".catalog.Product");
            assertThat(scan.mapped()).allSatisfy(type -> assertThat(type.getClassLoader()).isSameAs(loader));
            assertThat(scan.locations()).singleElement().asString().startsWith("jar:file:");
        }
    }

    @Test
    void resource_names_become_binary_class_names() {
        assertThat(EntityScanner.className("com/acme/Order.class")).isEqualTo("com.acme.Order");
        assertThat(EntityScanner.className("com/acme/Order$Line.class")).isEqualTo("com.acme.Order$Line");
        assertThat(EntityScanner.className("com/acme/package-info.class")).isNull();
        assertThat(EntityScanner.className("com/acme/orm.xml")).isNull();
    }

    /** The package's compiled test classes in a jar, with directory entries as Maven writes them. */
    private static Path jarOf(String packageName, Path jar) throws Exception {
        Path classes = Path.of(EntityScannerTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve(packageName.replace('.', '/'));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                zip.putNextEntry(new JarEntry(Files.isDirectory(file) ? name + "/" : name));
                if (Files.isRegularFile(file)) {
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }
}
