package io.ggen.ffi.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Generates a typed Java interface with {@code ggen bindgen} and adds its folder to the compile source roots:
 * from a C header (functions annotated {@code @CFunction}), a Python module or file, a JavaScript or WebAssembly
 * file, or a worker process (methods annotated {@code @ForeignCall}). Each execution generates one interface;
 * several executions may share the output directory.
 *
 * <p>The generator is {@code bin/ggen} of a GGen FFI distribution, run as a child process: {@code ggenHome}
 * when set, else the distribution of this plugin's version ({@code io.ggen.ffi:ggen-ffi:VERSION:tar.gz}),
 * resolved from the project's repositories and unpacked once next to the archive in the local repository.
 * A run is skipped while the files it wrote last time are there and newer than its input file (the header or
 * file) and the distribution, as long as the configuration is the same.
 */
@Mojo(name = "bindgen", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class BindgenMojo extends AbstractMojo {

    /** The artifact of the distribution, in the plugin's group and version. */
    static final String DISTRIBUTION = "ggen-ffi";

    /**
     * {@code c}, {@code python}, {@code javascript}, {@code wasm}, {@code rpc}, {@code go}, {@code cpython} or
     * {@code node} ({@code py}, {@code js}, {@code webassembly} too).
     */
    @Parameter(required = true)
    String language;

    /** The C header to bind (language {@code c}). */
    @Parameter
    File header;

    /** The C library the functions are found in, by short name ({@code z}) or path (language {@code c}). */
    @Parameter
    String library;

    /** Arguments for the C parser, e.g. {@code -I/opt/include} or {@code -DNDEBUG} (language {@code c}). */
    @Parameter
    List<String> clangArgs;

    /** The Python module to bind, by name (language {@code python}, instead of {@code file}). */
    @Parameter
    String module;

    /** More folders to find the Python module in (language {@code python}), besides the project's folder. */
    @Parameter
    List<File> pythonPath;

    /** The Python, JavaScript or WebAssembly file to bind. */
    @Parameter
    File file;

    /** The command line that starts the worker to bind (languages {@code rpc}, {@code go}, {@code cpython}, {@code node}). */
    @Parameter
    String worker;

    /**
     * Module options for the bridge, {@code KEY=VALUE} each, as {@code ggen test-ffi} takes them, e.g. {@code
     * env.NAME=VALUE} for a worker (languages {@code python}, {@code wasm} and the worker languages).
     */
    @Parameter
    List<String> options;

    /** The Java package of the generated interface. */
    @Parameter(required = true)
    String packageName;

    /** The interface's simple name; by default the one {@code ggen bindgen} derives from the source's name. */
    @Parameter
    String interfaceName;

    /** The source root the interface is written into, added to the project's compile source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/ggen", required = true)
    File outputDirectory;

    /**
     * A GGen FFI distribution folder (the one with {@code bin/ggen}); by default the distribution of this
     * plugin's version, from the repositories.
     */
    @Parameter(property = "ggen.home")
    File ggenHome;

    /** How long one {@code ggen bindgen} run may take, in seconds, before it is stopped and the build fails. */
    @Parameter(property = "ggen.bindgen.timeout", defaultValue = "300")
    int timeout;

    /** Skips the goal: nothing is generated and no source root is added. */
    @Parameter(property = "ggen.bindgen.skip", defaultValue = "false")
    boolean skip;

    /** Where the stamps that make the goal incremental are kept. */
    @Parameter(defaultValue = "${project.build.directory}/ggen-bindgen", readonly = true, required = true)
    File stampDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    private final RepositorySystem repositorySystem;

    /** Maven's constructor: the resolver finds the distribution when {@code ggenHome} is not set. */
    @Inject
    public BindgenMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping ggen:bindgen (skip is set)");
            return;
        }
        BindgenArguments arguments;
        try {
            arguments = BindgenArguments.of(language, path(header), library, clangArgs, module,
                pythonPath == null ? null : pythonPath.stream().map(BindgenMojo::path).toList(), path(file), worker, options,
                packageName, interfaceName, outputDirectory.toPath().toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("ggen:bindgen: " + e.getMessage(), e);
        }
        if (timeout <= 0) {
            throw new MojoFailureException("ggen:bindgen: <timeout> is " + timeout + ": give the seconds a run may take");
        }
        Path home = home();
        try {
            generate(arguments, GgenProcess.in(home, Duration.ofSeconds(timeout)));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("ggen:bindgen: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(arguments.outputDirectory().toString());
    }

    /** Runs {@code ggen bindgen} unless the stamp says its output is up to date. */
    private void generate(BindgenArguments arguments, GgenProcess ggen) throws MojoExecutionException, MojoFailureException {
        String what = arguments.packageName() + arguments.interfaceName().map(name -> "." + name).orElse("")
            + " (" + arguments.language() + ")";
        try {
            BindgenStamp stamp = BindgenStamp.of(stampDirectory.toPath(), arguments, ggen.home());
            Optional<String> staleness = stamp.staleness();
            if (staleness.isEmpty()) {
                getLog().info("Bindings " + what + " are up to date");
                return;
            }
            getLog().debug("Generating bindings " + what + ": " + staleness.get());
            getLog().info("Generating bindings " + what + " with " + ggen.home().resolve("bin/ggen"));
            Files.createDirectories(arguments.outputDirectory());
            Map<Path, FileTime> before = stamp.snapshot();
            GgenProcess.Result result = ggen.run(project.getBasedir().toPath(), arguments.commandLine(),
                line -> getLog().info(line), line -> getLog().warn(line));
            if (result.exitCode() != 0) {
                throw new MojoFailureException("ggen " + String.join(" ", arguments.commandLine()) + " failed with exit code "
                    + result.exitCode() + ":" + System.lineSeparator() + String.join(System.lineSeparator(), result.stderrTail()));
            }
            List<Path> written = stamp.write(before);
            getLog().debug("Generated " + written + " in " + arguments.outputDirectory());
        } catch (IOException e) {
            throw new MojoExecutionException("ggen:bindgen " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("ggen:bindgen " + what + " was interrupted", e);
        }
    }

    /** {@code ggenHome}, or the distribution of this plugin's version resolved and unpacked. */
    private Path home() throws MojoExecutionException {
        if (ggenHome != null) {
            return ggenHome.toPath().toAbsolutePath();
        }
        DefaultArtifact artifact = new DefaultArtifact(plugin.getGroupId(), DISTRIBUTION, null, "tar.gz", plugin.getVersion());
        try {
            Path archive = repositorySystem.resolveArtifact(session.getRepositorySession(),
                new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact().getFile().toPath();
            getLog().debug("GGen FFI distribution " + artifact + ": " + archive);
            return DistributionCache.unpacked(archive);
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("ggen:bindgen needs the GGen FFI distribution " + artifact + ", which could"
                + " not be resolved (" + e.getMessage() + "): set <ggenHome> to a distribution folder, or make the"
                + " artifact available", e);
        } catch (IOException e) {
            throw new MojoExecutionException("ggen:bindgen could not unpack the GGen FFI distribution " + artifact + ": "
                + e.getMessage(), e);
        }
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath().toAbsolutePath();
    }
}
