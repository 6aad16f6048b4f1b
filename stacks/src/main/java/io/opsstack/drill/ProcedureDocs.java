package io.opsstack.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook procedures' code blocks, read from the docs, by id. A procedure's block is marked by an HTML comment
 * on the line right before its fence: {@code <!-- drill: restore/2 -->} then {@code ```sh} (commands) or
 * {@code ```yaml} (an edit of the environment file). The drills run exactly these blocks, so a doc edit that breaks a
 * procedure breaks its drill.
 *
 * <p>Placeholder substitution (the docs are written for {@code prod}, as docs/runbook.md says; a drill replaces, in
 * this order):
 * <ol>
 *   <li>literal values a drill names ({@link Substitution#literal}), e.g. the snapshot id of the manual snapshot
 *       ({@code prod-postgres-before-1-5-0}), the example instance id ({@code i-0123456789abcdef0}), the example
 *       tag, restore time or capacity: each replaced by what an earlier step produced or the drill chose;</li>
 *   <li>{@code us-east-1} by the environment's region and {@code us-west-2} by its DR region (when it has one);</li>
 *   <li>the word {@code prod} (also in {@code prod-postgres}, {@code environments/prod.yaml}) by the environment's
 *       name. {@code environments/<env>.yaml} is then the scratch copy, since every command runs in the scratch
 *       project;</li>
 *   <li>the emulator's endpoint is never written in the docs: {@code aws} commands run through
 *       {@link DrillContext#aws} and {@code npx cdktf-cli@0.19.2} commands through {@link DrillContext#cdktf}, which
 *       point at the emulator.</li>
 * </ol>
 * A marked {@code sh} block holds only commands a drill can run: {@code aws ...}, {@code npx cdktf-cli@0.19.2 ...}
 * and {@code ./opsstack synth <env>}; one per line, {@code \} continues a line, {@code #} starts a comment.
 */
public final class ProcedureDocs {

    /** The cdktf-cli every doc names; a marked block with another version is refused. */
    public static final String CDKTF = "npx cdktf-cli@0.19.2";

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*drill:\\s*([a-z0-9-]+/[0-9a-z-]+)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```([a-z]*)\\s*$");

    /** A marked block: its id, where it is, its language and its text (the fence's indentation removed). */
    public record Block(String id, String file, int line, String language, String text) {
        public String where() {
            return file + ":" + line;
        }
    }

    /** What a command line is for. */
    public enum Tool { AWS, CDKTF, SYNTH }

    /** One command of a block, after substitution: the tool and its arguments (after {@code aws}, after cdktf). */
    public record Command(Tool tool, List<String> args, String line, String where) {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** Substitution values; {@link #literal} entries first, then regions and the environment name. */
    public record Substitution(String environment, String region, String drRegion, Map<String, String> literals) {
        public Substitution {
            literals = Map.copyOf(new LinkedHashMap<>(literals));
        }

        public Substitution literal(String docValue, String value) {
            Map<String, String> m = new LinkedHashMap<>(literals);
            m.put(docValue, value);
            return new Substitution(environment, region, drRegion, m);
        }

        public String apply(String text) {
            String s = text;
            // Longest first, so one literal that contains another is replaced whole.
            List<String> keys = new ArrayList<>(literals.keySet());
            keys.sort((a, b) -> b.length() - a.length() != 0 ? b.length() - a.length() : a.compareTo(b));
            Map<String, String> tokens = new TreeMap<>();
            int i = 0;
            for (String k : keys) {
                String token = "\u0000" + (i++) + "\u0000";
                tokens.put(token, literals.get(k));
                s = s.replace(k, token);
            }
            if (drRegion != null) {
                s = s.replace("us-west-2", "\u0001dr\u0001");
            }
            s = s.replace("us-east-1", region);
            if (drRegion != null) {
                s = s.replace("\u0001dr\u0001", drRegion);
            }
            s = s.replaceAll("(?<![A-Za-z0-9_])prod(?![A-Za-z0-9_])", Matcher.quoteReplacement(environment));
            for (Map.Entry<String, String> t : tokens.entrySet()) {
                s = s.replace(t.getKey(), t.getValue());
            }
            return s;
        }
    }

    private final Map<String, Block> blocks;
    private final List<String> problems;

    private ProcedureDocs(Map<String, Block> blocks, List<String> problems) {
        this.blocks = blocks;
        this.problems = problems;
    }

    /** Reads every {@code *.md} of a docs folder (sorted by name). */
    public static ProcedureDocs load(Path docs) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var s = Files.list(docs)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                files.put("docs/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return parse(files);
    }

    /** Parses docs given as display name to text. */
    public static ProcedureDocs parse(Map<String, String> files) {
        Map<String, Block> blocks = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MARKER.matcher(lines[i]);
                if (!m.matches()) {
                    continue;
                }
                String id = m.group(1);
                String where = f.getKey() + ":" + (i + 1);
                Matcher fence = i + 1 < lines.length ? FENCE.matcher(lines[i + 1]) : null;
                if (fence == null || !fence.matches()) {
                    problems.add(where + ": drill marker " + id + " is not right before a fenced code block");
                    continue;
                }
                String indent = fence.group(1);
                StringBuilder text = new StringBuilder();
                int j = i + 2;
                boolean closed = false;
                for (; j < lines.length; j++) {
                    if (lines[j].strip().equals("```")) {
                        closed = true;
                        break;
                    }
                    String l = lines[j].startsWith(indent) ? lines[j].substring(indent.length()) : lines[j].stripLeading();
                    text.append(l).append('\n');
                }
                if (!closed) {
                    problems.add(where + ": the code block of drill marker " + id + " is not closed");
                    continue;
                }
                if (blocks.containsKey(id)) {
                    problems.add(where + ": drill marker " + id + " is also at " + blocks.get(id).where());
                    continue;
                }
                blocks.put(id, new Block(id, f.getKey(), i + 2, fence.group(2), text.toString()));
                i = j;
            }
        }
        return new ProcedureDocs(blocks, problems);
    }

    /** Every marked block, by id. */
    public Map<String, Block> blocks() {
        return blocks;
    }

    /** Markers without a block, duplicates. */
    public List<String> problems() {
        return problems;
    }

    /** The block of an id; a missing one is the doc edit that broke the procedure. */
    public Block block(String id) throws DrillException {
        Block b = blocks.get(id);
        if (b == null) {
            throw new DrillException("no code block marked <!-- drill: " + id + " --> in docs/*.md: the procedure"
                    + " this drill executes was removed or its marker lost; mark the block again (docs/runbook.md,"
                    + " \"Drills\")");
        }
        return b;
    }

    /** A {@code yaml} block's text, substituted: an edit of the environment file ({@link EnvFileEdit}). */
    public String yaml(String id, Substitution sub) throws DrillException {
        Block b = block(id);
        if (!b.language().equals("yaml")) {
            throw new DrillException(b.where() + ": drill " + id + " must be a ```yaml block (an edit of the"
                    + " environment file), is ```" + b.language());
        }
        return sub.apply(b.text());
    }

    /** An {@code sh} block's commands, substituted. */
    public List<Command> commands(String id, Substitution sub) throws DrillException {
        Block b = block(id);
        if (!b.language().equals("sh")) {
            throw new DrillException(b.where() + ": drill " + id + " must be a ```sh block, is ```" + b.language());
        }
        List<Command> out = new ArrayList<>();
        String[] lines = b.text().split("\n");
        StringBuilder pending = new StringBuilder();
        int first = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (first < 0) {
                first = i;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String full = pending.toString();
            pending.setLength(0);
            String where = b.file() + ":" + (b.line() + 1 + first);
            first = -1;
            List<String> words = words(full, where);
            if (words.isEmpty()) {
                continue;
            }
            out.add(command(sub, words, full.strip(), where));
        }
        if (out.isEmpty()) {
            throw new DrillException(b.where() + ": drill " + id + " holds no command");
        }
        return out;
    }

    private static Command command(Substitution sub, List<String> raw, String line, String where)
            throws DrillException {
        List<String> words = raw.stream().map(sub::apply).toList();
        if (words.get(0).equals("aws")) {
            return new Command(Tool.AWS, words.subList(1, words.size()), sub.apply(line), where);
        }
        if (words.size() >= 2 && (words.get(0) + " " + words.get(1)).equals(CDKTF)) {
            return new Command(Tool.CDKTF, words.subList(2, words.size()), sub.apply(line), where);
        }
        if (words.get(0).equals("npx") && words.size() >= 2 && words.get(1).startsWith("cdktf-cli")) {
            throw new DrillException(where + ": `" + words.get(1) + "`: the docs pin " + CDKTF);
        }
        if (words.get(0).equals("./opsstack") && words.size() == 3 && words.get(1).equals("synth")
                && words.get(2).equals(sub.environment())) {
            return new Command(Tool.SYNTH, List.of(), sub.apply(line), where);
        }
        throw new DrillException(where + ": `" + sub.apply(line) + "`: a drill runs only aws, " + CDKTF + " and"
                + " ./opsstack synth <env> commands; keep host-side commands out of a marked block");
    }

    /**
     * Shell words of one line: single and double quotes, backslash escapes outside single quotes, {@code #} comments.
     * Pipes, {@code &&}, {@code ;}, redirections and {@code $(...)} are refused: a drill runs each command itself.
     */
    static List<String> words(String line, String where) throws DrillException {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new DrillException(where + ": unclosed ' in `" + line.strip() + "`");
                }
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length()) {
                        w.append(line.charAt(++j));
                    } else if (d == '$') {
                        throw new DrillException(where + ": shell expansion in `" + line.strip() + "`: a marked"
                                + " command must be literal");
                    } else {
                        w.append(d);
                    }
                }
                if (j >= line.length()) {
                    throw new DrillException(where + ": unclosed \" in `" + line.strip() + "`");
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else if ("|&;<>`".indexOf(c) >= 0 || (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(')) {
                throw new DrillException(where + ": `" + line.strip() + "`: pipes, lists, redirections and command"
                        + " substitution are not run by a drill; one command per line");
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
