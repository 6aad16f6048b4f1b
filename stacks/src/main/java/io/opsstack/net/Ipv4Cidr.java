package io.opsstack.net;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block such as {@code 10.10.0.0/16}. Immutable; parsing is strict (no leading zeros, no host bits
 * set) because a typo in a CIDR becomes a resource replacement once deployed.
 */
public record Ipv4Cidr(long network, int prefix) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** Parses {@code text}; empty unless it is a well-formed IPv4 CIDR whose host bits are all zero. */
    public static Optional<Ipv4Cidr> parse(String text) {
        return parseClearingHostBits(text).filter(c -> c.toString().equals(text));
    }

    /**
     * Parses a well-formed CIDR and clears any host bits ({@code 10.0.0.1/16} gives {@code 10.0.0.0/16}), so an
     * error message can suggest the block the user most likely meant. Empty when {@code text} is not well-formed.
     */
    public static Optional<Ipv4Cidr> parseClearingHostBits(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 5; i++) {
            String part = m.group(i);
            if (part.length() > 1 && part.startsWith("0")) {
                return Optional.empty();
            }
            if (i <= 4) {
                int octet = Integer.parseInt(part);
                if (octet > 255) {
                    return Optional.empty();
                }
                address = (address << 8) | octet;
            }
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(address & mask(prefix), prefix));
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** The {@code index}-th block of {@code prefix + newBits} inside this one (like Terraform's cidrsubnet). */
    public Ipv4Cidr subnet(int newBits, int index) {
        int newPrefix = prefix + newBits;
        if (newBits < 0 || newPrefix > 32) {
            throw new IllegalArgumentException("cannot split /" + prefix + " by " + newBits + " bits");
        }
        if (index < 0 || index >= (1L << newBits)) {
            throw new IllegalArgumentException("index " + index + " out of range for " + newBits + " new bits");
        }
        return new Ipv4Cidr(network + ((long) index << (32 - newPrefix)), newPrefix);
    }

    public boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
