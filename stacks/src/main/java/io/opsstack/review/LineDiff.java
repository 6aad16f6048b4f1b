package io.opsstack.review;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (LCS over lines, 3 lines of context): small and deterministic. */
public final class LineDiff {

    private LineDiff() {
    }

    public static String unified(String name, String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' keep, '-' delete, '+' insert, with positions in a and b. On a tie, delete first: the
        // conventional order (old line, then its replacement).
        List<String[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new String[] {" ", a.get(i), String.valueOf(i), String.valueOf(j)});
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(new String[] {"+", b.get(j), String.valueOf(i), String.valueOf(j)});
                j++;
            } else {
                ops.add(new String[] {"-", a.get(i), String.valueOf(i), String.valueOf(j)});
                i++;
            }
        }
        StringBuilder out = new StringBuilder("--- a/" + name + "\n+++ b/" + name + "\n");
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0].equals(" ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - 3);
            int end = k;
            // Extend the hunk while changes are within 6 lines of each other.
            int lastChange = k;
            while (end < ops.size() && end - lastChange <= 6) {
                if (!ops.get(end)[0].equals(" ")) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + 4);
            int aStart = Integer.parseInt(ops.get(start)[2]);
            int bStart = Integer.parseInt(ops.get(start)[3]);
            int aLen = 0;
            int bLen = 0;
            StringBuilder hunk = new StringBuilder();
            for (int x = start; x < end; x++) {
                String[] op = ops.get(x);
                hunk.append(op[0]).append(op[1]).append('\n');
                aLen += op[0].equals("+") ? 0 : 1;
                bLen += op[0].equals("-") ? 0 : 1;
            }
            out.append("@@ -").append(aStart + 1).append(',').append(aLen).append(" +").append(bStart + 1).append(',')
                    .append(bLen).append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }

    /** Words of context kept on each side of a change in {@link #words}. */
    private static final int WORD_CONTEXT = 4;

    /**
     * What changed in one long line, word by word: {@code [-removed-]{+added+}} with a few words of context, and
     * "..." where unchanged words are left out (the notation of git's --word-diff=plain).
     */
    public static String words(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // ops: ' ' kept word, '-' removed, '+' added (whitespace tokens travel with their words)
        List<String[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new String[] {" ", a.get(i)});
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(new String[] {"+", b.get(j)});
                j++;
            } else {
                ops.add(new String[] {"-", a.get(i)});
                i++;
            }
        }
        boolean[] keep = new boolean[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            if (!ops.get(k)[0].equals(" ")) {
                // context counted in words, not in the whitespace between them
                for (int d = k, words = 0; d >= 0 && words <= WORD_CONTEXT; d--) {
                    keep[d] = true;
                    words += ops.get(d)[1].isBlank() ? 0 : 1;
                }
                for (int d = k, words = 0; d < ops.size() && words <= WORD_CONTEXT; d++) {
                    keep[d] = true;
                    words += ops.get(d)[1].isBlank() ? 0 : 1;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        String open = " ";
        boolean skipped = false;
        for (int k = 0; k < ops.size(); k++) {
            if (!keep[k]) {
                skipped = true;
                continue;
            }
            String op = ops.get(k)[0];
            if (!op.equals(open)) {
                out.append(close(open)).append(skipped && out.length() > 0 ? " ... " : skipped ? "... " : "")
                        .append(op.equals("-") ? "[-" : op.equals("+") ? "{+" : "");
                open = op;
            } else if (skipped) {
                out.append(out.length() > 0 ? " ... " : "... ");
            }
            skipped = false;
            out.append(ops.get(k)[1]);
        }
        out.append(close(open));
        if (skipped) {
            out.append(" ...");
        }
        return out.toString().strip();
    }

    private static String close(String op) {
        return op.equals("-") ? "-]" : op.equals("+") ? "+}" : "";
    }

    /** Words and the whitespace between them, in order. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s+|[^\\s]+").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
