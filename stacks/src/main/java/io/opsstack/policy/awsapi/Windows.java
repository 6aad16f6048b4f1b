package io.opsstack.policy.awsapi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RDS's window formats as minute spans: daily hh24:mi-hh24:mi, weekly ddd:hh24:mi-ddd:hh24:mi (UTC). */
final class Windows {

    private static final Pattern DAILY = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])");
    private static final Pattern WEEKLY = Pattern.compile("(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):([0-5][0-9])"
            + "-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):([0-5][0-9])", Pattern.CASE_INSENSITIVE);
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private Windows() {
    }

    /** {start, end} minutes of the day, or null. */
    static int[] daily(String text) {
        Matcher m = DAILY.matcher(text);
        return m.matches() ? new int[] {minute(m.group(1), m.group(2)), minute(m.group(3), m.group(4))} : null;
    }

    /** {start, end} minutes of the week, or null. */
    static int[] weekly(String text) {
        Matcher m = WEEKLY.matcher(text);
        return m.matches() ? new int[] {DAYS.indexOf(m.group(1).toLowerCase()) * 1440 + minute(m.group(2), m.group(3)),
                DAYS.indexOf(m.group(4).toLowerCase()) * 1440 + minute(m.group(5), m.group(6))} : null;
    }

    static int length(int[] span, int cycle) {
        return Math.floorMod(span[1] - span[0], cycle);
    }

    /** Whether a daily window overlaps a weekly one on any day. */
    static boolean overlap(int[] daily, int[] weekly) {
        int dl = length(daily, 1440);
        int wl = length(weekly, 10080);
        for (int day = 0; day < 7; day++) {
            int start = day * 1440 + daily[0];
            for (int shift = -10080; shift <= 10080; shift += 10080) {
                int a = start + shift;
                if (a < weekly[0] + wl && weekly[0] < a + dl) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int minute(String h, String m) {
        return Integer.parseInt(h) * 60 + Integer.parseInt(m);
    }
}
