package dev.stratus.bus.internal;

/** An IPv4 or IPv6 address block parsed with event-ruler's rules and error texts. */
public final class Cidr {
    private final boolean v6;
    private final long high;
    private final long low;
    private final int bits;

    private Cidr(final boolean v6, final long high, final long low, final int bits) {
        this.v6 = v6;
        this.high = high;
        this.low = low;
        this.bits = bits;
    }

    /**
     * Parses {@code address/bits}.
     *
     * @throws PolicyException with event-ruler's wording for a malformed block
     */
    public static Cidr parse(final String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            throw new PolicyException("Malformed CIDR, one '/' required");
        }
        int maskBits;
        try {
            maskBits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new PolicyException("Malformed CIDR, mask bits must be an integer");
        }
        if (maskBits < 0) {
            throw new PolicyException("Malformed CIDR, mask bits must not be negative");
        }
        String address = text.substring(0, slash);
        long[] parsed = new long[2];
        int family = parseAddress(address, parsed);
        if (family == 0) {
            throw new PolicyException("Nonstandard IP address: " + address);
        }
        if (family == 4 && maskBits > 32) {
            throw new PolicyException("IPv4 mask bits must be < 32");
        }
        if (family == 6 && maskBits > 128) {
            throw new PolicyException("IPv6 mask bits must be < 128");
        }
        boolean v6 = family == 6;
        return new Cidr(v6, mask(parsed[0], maskBits), mask(parsed[1], maskBits - 64), maskBits);
    }

    /** Whether {@code address} is an IP address of this block's family inside the block. */
    public boolean contains(final String address) {
        long[] parsed = new long[2];
        int family = parseAddress(address, parsed);
        if (family != (v6 ? 6 : 4)) {
            return false;
        }
        return mask(parsed[0], bits) == high && mask(parsed[1], bits - 64) == low;
    }

    private static long mask(final long word, final int bitsInWord) {
        if (bitsInWord <= 0) {
            return 0;
        }
        if (bitsInWord >= 64) {
            return word;
        }
        return word & (-1L << (64 - bitsInWord));
    }

    /** Parses into two 64-bit words (IPv4 sits left-aligned in the first); returns 4, 6, or 0 if malformed. */
    static int parseAddress(final String text, final long[] out) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text, out) ? 6 : 0;
        }
        long v4 = parseV4(text, 0, text.length());
        if (v4 < 0) {
            return 0;
        }
        out[0] = v4 << 32;
        out[1] = 0;
        return 4;
    }

    private static long parseV4(final String text, final int start, final int end) {
        long result = 0;
        int parts = 0;
        int i = start;
        while (i <= end) {
            int partStart = i;
            int value = 0;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                if (value > 255) {
                    return -1;
                }
                i++;
            }
            int digits = i - partStart;
            if (digits == 0 || digits > 3 || (digits > 1 && text.charAt(partStart) == '0')) {
                return -1;
            }
            result = (result << 8) | value;
            parts++;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? result : -1;
    }

    private static boolean parseV6(final String text, final long[] out) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int end = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == end) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        } else if (text.startsWith(":")) {
            return false;
        }
        while (i < end) {
            int groupStart = i;
            int value = 0;
            while (i < end && Character.digit(text.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            int digits = i - groupStart;
            if (i < end && text.charAt(i) == '.') {
                long v4 = parseV4(text, groupStart, end);
                if (v4 < 0 || count > 6) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = end;
                break;
            }
            if (digits == 0 || digits > 4 || count == 8) {
                return false;
            }
            groups[count++] = value;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == end) {
                return false;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = count - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        out[0] = high;
        out[1] = low;
        return true;
    }

    @Override
    public String toString() {
        return (v6 ? "IPv6" : "IPv4") + "/" + bits;
    }
}
