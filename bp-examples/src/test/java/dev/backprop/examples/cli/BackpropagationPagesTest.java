package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.examples.cli.XorCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/backpropagation.md and its Chinese twin show {@code bp explain} output and link formulas to
 * code; this keeps both true. Every output block (a {@code text} block whose first line is
 * {@code $ bp ...}) is run and compared line by line with what the command prints today. The only
 * numbers not compared digit for digit are the gaps between gradients and finite differences (about
 * 1e-11): they are rounding noise that moves with the last bit of a sigmoid on another CPU, so for them
 * the test requires that page and program both stay within the 1e-9 the page promises.
 */
class BackpropagationPagesTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final String GAP = "|gradient − finite difference|";
    private static final double PROMISED_GAP = 1e-9;
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?");
    private static final Pattern CODE_LINK = Pattern.compile("\\[`([A-Za-z0-9_.]+)`\\]\\((\\.\\./[^)#]+\\.java)\\)");

    record Block(int line, List<String> lines) {
    }

    private static String read(String page) throws IOException {
        return Files.readString(DOCS.resolve(page));
    }

    private static List<Block> outputBlocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("```text") && i + 1 < lines.length && lines[i + 1].startsWith("$ bp ")) {
                int start = i + 1;
                int end = start;
                while (!lines[end].equals("```")) {
                    end++;
                }
                blocks.add(new Block(start + 1, List.of(lines).subList(start, end)));
                i = end;
            }
        }
        return blocks;
    }

    @ParameterizedTest(name = "every number of {0}''s bp explain output is what the program prints today")
    @ValueSource(strings = {"backpropagation.md", "backpropagation.zh.md"})
    void outputBlocksAreWhatTheProgramPrints(String page) throws IOException {
        List<Block> blocks = outputBlocks(read(page));
        assertFalse(blocks.isEmpty(), page + " has no output block starting with '$ bp '");
        int numbers = 0;
        for (Block block : blocks) {
            String[] args = block.lines().get(0).substring("$ bp ".length()).trim().split(" +");
            Run run = XorCommandTest.bp(args);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            List<String> expected = block.lines().subList(1, block.lines().size());
            List<String> actual = List.of(run.out().split("\n", -1)).subList(0, run.out().split("\n", -1).length - 1);
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String where = page + ":" + (block.line() + 1 + i) + "\n  page:    " + expected.get(i)
                        + "\n  program: " + actual.get(i);
                numbers += compareLine(expected.get(i), actual.get(i), where);
            }
            assertEquals(actual.size(), expected.size(), page + ":" + block.line() + ": the page's block has "
                    + expected.size() + " lines, the program prints " + actual.size());
        }
        assertTrue(numbers > 300, "only " + numbers + " numbers compared in " + page);
    }

    /** Compares one line and returns how many numbers it held. */
    private static int compareLine(String expected, String actual, String where) {
        if (!expected.contains(GAP)) {
            assertEquals(expected, actual, where);
            return count(expected);
        }
        assertEquals(NUMBER.matcher(expected).replaceAll("#"), NUMBER.matcher(actual).replaceAll("#"), where);
        for (String line : new String[] {expected, actual}) {
            Matcher m = NUMBER.matcher(line.substring(line.indexOf(GAP) + GAP.length()));
            assertTrue(m.find(), where);
            assertTrue(Double.parseDouble(m.group()) <= PROMISED_GAP, where);
        }
        return 1;
    }

    private static int count(String line) {
        int n = 0;
        Matcher m = NUMBER.matcher(line);
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0} links every formula to a class and method that exist")
    @ValueSource(strings = {"backpropagation.md", "backpropagation.zh.md"})
    void codeLinksPointAtMethodsThatExist(String page) throws IOException {
        Set<String> links = codeLinks(page);
        assertTrue(links.size() >= 15, page + " links only " + links);
        for (String link : links) {
            String[] parts = link.split(" ");
            Path file = DOCS.resolve(parts[1]).normalize();
            assertTrue(Files.isRegularFile(file), page + ": " + parts[0] + " links to missing " + file);
            String[] name = parts[0].split("\\.");
            String source = Files.readString(file);
            assertTrue(source.contains("class " + name[0]) || source.contains("interface " + name[0])
                    || source.contains("enum " + name[0]), page + ": " + file + " does not declare " + name[0]);
            if (name.length > 1) {
                assertTrue(Pattern.compile("\\s" + Pattern.quote(name[1]) + "\\(").matcher(source).find(),
                        page + ": " + file + " has no method " + name[1]);
            }
        }
    }

    @Test
    void theChinesePageLinksTheSameCode() throws IOException {
        assertEquals(codeLinks("backpropagation.md"), codeLinks("backpropagation.zh.md"));
    }

    private static Set<String> codeLinks(String page) throws IOException {
        Set<String> links = new TreeSet<>();
        Matcher m = CODE_LINK.matcher(read(page));
        while (m.find()) {
            links.add(m.group(1) + " " + m.group(2));
        }
        return links;
    }
}
