package io.opsstack.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RDS backup (daily) and maintenance (weekly) windows: parsing, length, overlap. All times UTC. */
final class Windows {

    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern DAILY = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern WEEKLY = Pattern.compile(
            "(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)");
    private static final int DAY = 24 * 60;
    private static final int WEEK = 7 * DAY;

    /** [start, end) in minutes; end may exceed the period when the window wraps. */
    record Span(int start, int end) {
        int length() {
            return end - start;
        }
    }

    private Windows() {
    }

    static Span daily(String text) {
        Matcher m = DAILY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int start = minutes(m.group(1), m.group(2));
        int end = minutes(m.group(3), m.group(4));
        return new Span(start, end <= start ? end + DAY : end);
    }

    static Span weekly(String text) {
        Matcher m = WEEKLY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int start = DAYS.indexOf(m.group(1)) * DAY + minutes(m.group(2), m.group(3));
        int end = DAYS.indexOf(m.group(4)) * DAY + minutes(m.group(5), m.group(6));
        return new Span(start, end <= start ? end + WEEK : end);
    }

    /** Whether the weekly maintenance window overlaps the daily backup window on any day. */
    static boolean overlap(Span dailyBackup, Span weeklyMaintenance) {
        for (int day = -1; day <= 7; day++) {
            int bs = day * DAY + dailyBackup.start();
            int be = day * DAY + dailyBackup.end();
            for (int shift : new int[] {-WEEK, 0, WEEK}) {
                int ms = weeklyMaintenance.start() + shift;
                int me = weeklyMaintenance.end() + shift;
                if (bs < me && ms < be) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int minutes(String h, String m) {
        return Integer.parseInt(h) * 60 + Integer.parseInt(m);
    }
}
