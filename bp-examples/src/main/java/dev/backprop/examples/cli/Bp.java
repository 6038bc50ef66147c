package dev.backprop.examples.cli;

import dev.backprop.backend.BackendSelectionException;
import dev.backprop.train.TrainingDivergedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bp} command line: one entry point, one sub-command per program. */
@Command(name = "bp", mixinStandardHelpOptions = true, versionProvider = Bp.Version.class,
        description = "backprop: neural networks trained by error backpropagation on interchangeable backends.",
        subcommands = {XorCommand.class, ExplainCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
            BackendsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Bp implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Runs {@code bp} and exits with its exit code. */
    public static void main(String[] args) {
        Launcher.configure();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code bp} with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Bp());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("bp " + cl.getCommandName() + ": " + messageOf(e));
            if (Boolean.getBoolean("bp.stacktrace")) {
                e.printStackTrace(cl.getErr());
            }
            return e instanceof IllegalArgumentException || e instanceof BackendSelectionException
                    || e instanceof java.io.IOException ? 2 : 1;
        });
        return commandLine.execute(args);
    }

    private static String messageOf(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + ": " + (missing.getReason() != null ? missing.getReason() : "no such file");
        }
        if (e instanceof TrainingDivergedException || e instanceof BackendSelectionException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException) {
            return e.getMessage();
        }
        return e + " (run with -Dbp.stacktrace=true for the stack trace)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version of the bp-examples jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Bp.class.getPackage().getImplementationVersion();
            return new String[] {"bp " + (version != null ? version : "(development build)")};
        }
    }
}
